// The Telegram channel end to end in webhook mode: the real app (createApp, SQLite, job queue) with
// TELEGRAM_API_ROOT pointing at a local Bot API emulation; updates are POSTed to /telegram/webhook.
import { describe, expect, it } from "vitest";
import { callbackUpdate, lastKeyboard, textUpdate, textsTo, until } from "./updates.js";
import { telegramWebhookApp } from "./webhook-app.js";

const SECRET = "tg_webhook-Secret42";
const tg = telegramWebhookApp(SECRET, (emu) => ({
  TELEGRAM_API_ROOT: `${emu.url}/`,
  STAFF_API_TOKEN: "staff-token-0123456789",
}));

function post(update: unknown, secret: string | null = SECRET, raw?: string) {
  return tg.app.http.request("/telegram/webhook", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret !== null ? { "X-Telegram-Bot-Api-Secret-Token": secret } : {}),
    },
    body: raw ?? JSON.stringify(update),
  });
}

describe("Telegram webhook", () => {
  it("answers /start with the greeting and the menu as an inline keyboard, showing typing first", async () => {
    const res = await post(textUpdate(101, "/start"));
    expect(res.status).toBe(200);
    await until(() => textsTo(tg.emu, 101).length >= 1);
    expect(textsTo(tg.emu, 101)[0]).toContain("Xin chào anh/chị");
    const keyboard = lastKeyboard(tg.emu, 101);
    expect(keyboard?.map((row) => row[0]?.["callback_data"])).toEqual([
      "ask",
      "checklist",
      "form",
      "status",
      "handoff",
    ]);
    expect(keyboard?.[0]?.[0]?.["text"]).toBeTruthy();
    const typing = tg.emu.callsOf("sendChatAction").find((c) => String(c.payload["chat_id"]) === "101");
    expect(typing?.payload["action"]).toBe("typing");
  });

  it("continues when a button is pressed, and stops the button's spinner", async () => {
    await post(textUpdate(102, "/menu"));
    await until(() => textsTo(tg.emu, 102).length >= 1);
    const keyboard = lastKeyboard(tg.emu, 102);
    const press = callbackUpdate(102, "ask", { inline_keyboard: keyboard });
    expect((await post(press)).status).toBe(200);
    await until(() => textsTo(tg.emu, 102).length >= 2);
    expect(textsTo(tg.emu, 102)[1]).toContain("Anh/chị cần hỏi thủ tục nào?");
    const answered = tg.emu.callsOf("answerCallbackQuery").map((c) => c.payload["callback_query_id"]);
    expect(answered).toContain((press["callback_query"] as { id: string }).id);
  });

  it("answers a citizen's question with the procedure and follow-up buttons", async () => {
    await post(textUpdate(103, "lam giay khai sinh can j"));
    await until(() => lastKeyboard(tg.emu, 103) !== undefined);
    expect(textsTo(tg.emu, 103).join("\n")).toContain("Đăng ký khai sinh");
    expect(
      lastKeyboard(tg.emu, 103)
        ?.flat()
        .map((b) => b["callback_data"]),
    ).toContain("checklist");
    expect(textsTo(tg.emu, 103).every((t) => t.length <= 4096)).toBe(true);
  });

  it("refuses a wrong or missing secret with 401 and processes nothing", async () => {
    const before = tg.emu.calls.length;
    const wrong = await post(textUpdate(104, "xin chào"), "not-the-secret");
    const missing = await post(textUpdate(104, "xin chào"), null);
    expect([wrong.status, missing.status]).toEqual([401, 401]);
    expect(((await wrong.json()) as { error: string }).error).toContain("không được xác thực");
    await new Promise((r) => setTimeout(r, 600));
    expect(tg.emu.calls.slice(before).filter((c) => String(c.payload["chat_id"]) === "104")).toEqual([]);
  });

  it("answers a malformed body with 400 and a polite JSON error, no stack trace", async () => {
    const notJson = await post(null, SECRET, "{not json");
    const notUpdate = await post({ hello: "world" });
    expect([notJson.status, notUpdate.status]).toEqual([400, 400]);
    const body = (await notJson.json()) as { error: string };
    expect(body.error).toContain("không phải JSON");
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|SyntaxError/);
  });

  it("runs an update delivered twice only once", async () => {
    const update = textUpdate(105, "xin chào");
    const [a, b] = await Promise.all([post(update), post(update)]);
    const c = await post(update);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    const results = await Promise.all(
      [a, b, c].map(async (r) => ((await r.json()) as { result: string }).result),
    );
    expect(results.sort()).toEqual(["duplicate", "duplicate", "queued"]);
    await until(() => textsTo(tg.emu, 105).length >= 1);
    await new Promise((r) => setTimeout(r, 800));
    expect(textsTo(tg.emu, 105)).toHaveLength(1);
  });

  it("waits out a 429 (retry_after) and delivers the message once", async () => {
    tg.emu.failNext("sendMessage", {
      code: 429,
      description: "Too Many Requests: retry after 1",
      retryAfter: 1,
    });
    await post(textUpdate(106, "xin chào"));
    await until(() => textsTo(tg.emu, 106).length >= 1);
    await new Promise((r) => setTimeout(r, 500));
    // The refused call and the delivered one both reached the emulation; the chat got one message.
    const calls = tg.emu.callsOf("sendMessage").filter((c) => String(c.payload["chat_id"]) === "106");
    expect(calls.map((c) => c.ok)).toEqual([false, true]);
    expect(textsTo(tg.emu, 106)).toHaveLength(1);
    expect(textsTo(tg.emu, 106)[0]).toContain("Xin chào anh/chị");
  });

  it("retries a send the Bot API failed with 500, delivering it once", async () => {
    tg.emu.failNext("sendMessage", { code: 500, description: "Internal Server Error" });
    await post(textUpdate(107, "xin chào"));
    await until(() => textsTo(tg.emu, 107).length >= 1);
    await new Promise((r) => setTimeout(r, 500));
    const calls = tg.emu.callsOf("sendMessage").filter((c) => String(c.payload["chat_id"]) === "107");
    expect(calls.map((c) => c.ok)).toEqual([false, true]);
  });

  it("logs neither the bot token nor what citizens write", async () => {
    await post(textUpdate(108, "tôi tên Nguyễn Thị Lan, số điện thoại 0912345678"));
    await until(() => textsTo(tg.emu, 108).length >= 1);
    const logs = tg.app.logs.join("\n");
    expect(logs).not.toContain(tg.emu.token);
    expect(logs).not.toContain("0912345678");
    expect(logs).not.toContain("Nguyễn Thị Lan");
  });
});
