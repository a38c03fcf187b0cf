// Staff forwarding turns through the real assistant: candidates picked by /chiase N or the button,
// polite misses, pasted questions; the officer's own conversation is left as it was, and citizens
// sending /chiase (or a forged fwd: option) get the ordinary dialogue.
import { describe, expect, it } from "vitest";
import { loadTemplates } from "../../src/app/templates.js";
import type { Reply } from "../../src/core/messages.js";
import { fill } from "../../src/core/replies/index.js";
import { chat } from "../helpers/app.js";
import { forwardingApp, officer, procedure, viDate } from "./forwarding-app.js";

const templates = loadTemplates();
const { app } = forwardingApp();

describe("forwarding choices, misses and questions", () => {
  it("offers numbered candidates for an ambiguous name, picked by /chiase N or by the button", async () => {
    const send = officer(app());
    const [choice] = await send("/chiase giấy phép");
    const options = choice?.options ?? [];
    expect(options.length).toBeGreaterThan(1);
    options.forEach((o, i) => {
      expect(o.id.startsWith("fwd:")).toBe(true);
      expect(choice?.text).toContain(`${i + 1}. ${procedure(app(), o.id.slice(4)).name}`);
    });
    const second = procedure(app(), options[1]?.id.slice(4) ?? "");
    const [picked] = await send("/chiase 2");
    expect(picked?.text.split("\n")[0]).toContain(second.name);
    expect(picked?.text).toContain(`kiểm tra ngày ${viDate(second.checked)}`);
    const first = procedure(app(), options[0]?.id.slice(4) ?? "");
    const [pressed] = await send("", options[0]?.id);
    expect(pressed?.text.split("\n")[0]).toContain(first.name);
    const [missing] = await send("/chiase 9");
    expect(missing?.text).toBe(fill(templates, "vi", "forward.pick-missing"));
  });

  it("says politely when nothing matches, and explains the command when it is bare", async () => {
    const send = officer(app());
    expect((await send("/chiase thời tiết hôm nay"))[0]?.text).toBe(
      fill(templates, "vi", "forward.not-found"),
    );
    expect((await send("/chiase"))[0]?.text).toBe(fill(templates, "vi", "forward.usage"));
  });

  it("answers an officer's pasted question about a procedure in forwarding mode, but not a greeting", async () => {
    const send = officer(app());
    const p = procedure(app(), "ho-chieu");
    const [answer, files] = await send("làm hộ chiếu cần những giấy tờ gì");
    expect(answer?.text.split("\n")[0]).toContain(p.name);
    expect(answer?.text).toContain(`kiểm tra ngày ${viDate(p.checked)}`);
    expect(files?.files).toHaveLength(2);
    const greeting = await send("xin chào");
    expect(greeting[0]?.text).toContain(fill(templates, "vi", "greeting"));
    expect(greeting.some((r) => r.files)).toBe(false);
  });
});

describe("the officer's own conversation and citizens", () => {
  it("leaves the officer's ordinary conversation as it was and lets it continue", async () => {
    const conversationId = `telegram:${Date.now()}`;
    const send = (text: string) =>
      app().assistant.handleTurn({
        conversationId,
        channel: "telegram",
        text,
        receivedAt: Date.now(),
        fromStaff: true,
      });
    await send("điền tờ khai khai sinh");
    const before = await app().stores.conversations.load(conversationId);
    const pending = before?.pending;
    if (pending?.kind !== "choose-procedure") throw new Error(`unexpected ${pending?.kind}`);
    await send("/chiase hộ chiếu");
    await send("/chiase giấy phép");
    const after = await app().stores.conversations.load(conversationId);
    const { forward, ...rest } = after ?? { forward: null };
    expect(forward?.slugs.length).toBeGreaterThan(1);
    expect(rest).toEqual(before);
    // "1" still picks from the officer's own list: the form starts for that procedure.
    await send("1");
    const resumed = await app().stores.conversations.load(conversationId);
    expect(resumed?.topic).toBe(pending.slugs[0]);
    expect(resumed?.pending?.kind).toBe("form-consent");
  });

  it("gives a citizen (no fromStaff) sending /chiase the ordinary answer, never forwarding", async () => {
    const web = await chat(app(), "citizen-session-1", "/chiase khai sinh");
    expect(web.some((r) => "files" in r)).toBe(false);
    expect(web.some((r) => r.text.includes("Giấy tờ cần chuẩn bị:") && r.text.includes("Nguồn:"))).toBe(
      false,
    );
    const res = await app().http.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        sessionId: "citizen-session-2",
        text: "",
        optionId: "fwd:khai-sinh",
        fromStaff: true,
      }),
    });
    const { replies } = (await res.json()) as { replies: Reply[] };
    expect(replies.some((r) => r.files || r.text.startsWith("📋 Đăng ký khai sinh\n"))).toBe(false);
    const telegram = await app().assistant.handleTurn({
      conversationId: "telegram:12345",
      channel: "telegram",
      text: "/chiase khai sinh",
      receivedAt: Date.now(),
    });
    expect(telegram.some((r) => r.files)).toBe(false);
    expect((await app().stores.conversations.load("telegram:12345"))?.forward).toBeUndefined();
  });
});
