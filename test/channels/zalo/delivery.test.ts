// Delivery to Zalo chats through the real app and the emulated Bot API: a 429 or a 500 is retried and
// the answer arrives once, an officer's long reply is split at 2,000 characters, status notifications
// reach the chat, and erasing the data makes the automated-assistant notice appear again.
import { describe, expect, it } from "vitest";
import { statusChangePlans } from "../../../src/core/dialogue/index.js";
import { chat, startRig, update, until } from "./harness.js";

const rig = await startRig();
const NOTICE = "tôi là máy trả lời tự động";

async function ask(chatId: string, text: string): Promise<void> {
  expect((await rig.post(update(chatId, text))).json.status).toBe("queued");
}

const failures = (chatId: string, code: number) =>
  rig.zalo.calls.filter(
    (c) => c.method === "sendMessage" && c.body.chat_id === chatId && c.failedWith === code,
  );

describe("zalo delivery", () => {
  it("backs off after a 429 and delivers the answer once", async () => {
    const id = chat();
    rig.zalo.failNext("sendMessage", 429);
    await ask(id, "xin chào");
    await until(() => rig.zalo.sent(id).length > 0);
    expect(failures(id, 429)).toHaveLength(1);
    await ask(id, "1");
    await until(() => rig.zalo.sent(id).length > 1);
    expect(rig.zalo.sent(id).filter((t) => t.includes("Xin chào"))).toHaveLength(1);
  });

  it("retries after a 500 and delivers the answer once", async () => {
    const id = chat();
    rig.zalo.failNext("sendMessage", 500);
    await ask(id, "xin chào");
    await until(() => rig.zalo.sent(id).length > 0);
    expect(failures(id, 500)).toHaveLength(1);
    await ask(id, "2");
    await until(() => rig.zalo.sent(id).length > 1);
    expect(rig.zalo.sent(id).filter((t) => t.includes("Xin chào"))).toHaveLength(1);
  });

  it("delivers an officer's reply after “gặp cán bộ”, split at 2,000 characters", async () => {
    const id = chat();
    await ask(id, "gặp cán bộ");
    await until(() => rig.zalo.sent(id).length > 0);
    const ticket = await rig.app.stores.handoffs.openFor(`zalo:${id}`);
    expect(ticket?.channel).toBe("zalo");
    const before = rig.zalo.sent(id).length;
    expect(
      await rig.app.assistant.staffReply(ticket?.id ?? "", "Chào anh, hồ sơ cần thêm bản sao sổ hộ khẩu."),
    ).toBe(true);
    await until(() => rig.zalo.sent(id).length > before);
    expect(rig.zalo.sent(id)[before]).toBe("[Cán bộ] Chào anh, hồ sơ cần thêm bản sao sổ hộ khẩu.");

    const paragraph = "Anh mang theo bản chính căn cước và giấy tờ liên quan đến bộ phận một cửa. ".repeat(
      14,
    );
    const long = `${paragraph.trim()}\n\n${paragraph.trim()}\n\n${paragraph.trim()}`;
    expect(long.length).toBeGreaterThan(2_000);
    await rig.app.assistant.staffReply(ticket?.id ?? "", long);
    const pieces = (): string[] => rig.zalo.sent(id).slice(before + 1);
    await until(() => pieces().join("\n").length >= long.length);
    expect(pieces().length).toBeGreaterThanOrEqual(2);
    expect(pieces().every((p) => p.length <= 2_000)).toBe(true);
    expect(pieces().join("\n").replace(/\s+/g, " ")).toBe(`[Cán bộ] ${long}`.replace(/\s+/g, " "));
    // The emulation rejects anything over 2,000 characters like the real API: nothing was refused.
    expect(failures(id, 400)).toEqual([]);
  });

  it("pushes a dossier status notification to the chat", async () => {
    const id = chat();
    await ask(id, "xin chào");
    await until(() => rig.zalo.sent(id).length > 0);
    const plans = statusChangePlans(
      {
        kind: "found",
        code: "H29.31-240315-0001",
        statusCode: 4,
        statusLabel: "Đã có kết quả",
        procedure: null,
        appointment: null,
        requests: [],
      },
      Date.now(),
    );
    expect(await rig.app.assistant.deliver(`zalo:${id}`, plans)).toBe(true);
    await until(() => rig.zalo.sent(id).some((t) => t.includes("H29.31-240315-0001")));
    const notification = rig.zalo.sent(id).find((t) => t.includes("H29.31-240315-0001")) ?? "";
    expect(notification).toContain("Đã có kết quả");
    expect(notification).toMatch(/\n1\. /); // the menu as numbered lines
    expect(await rig.app.stores.outbox.drain(`zalo:${id}`)).toEqual([]); // pushed, not stored
  });

  it("shows the notice again after “xóa dữ liệu của tôi”", async () => {
    const id = chat();
    await ask(id, "đăng ký khai sinh");
    await until(() => rig.zalo.sent(id).length > 0);
    expect(rig.zalo.sent(id)[0]).toContain(NOTICE);
    await ask(id, "xóa dữ liệu của tôi");
    await until(() => rig.zalo.sent(id).some((t) => t.includes("có chắc muốn xóa")));
    await ask(id, "có");
    await until(() => rig.zalo.sent(id).some((t) => t.includes("Đã xóa toàn bộ dữ liệu")));
    const erased = rig.zalo.sent(id).find((t) => t.includes("Đã xóa toàn bộ dữ liệu")) ?? "";
    expect(erased).toContain(NOTICE);
    expect(rig.zalo.sent(id).filter((t) => t.includes(NOTICE))).toHaveLength(2);
  });
});
