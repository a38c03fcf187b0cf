// The Telegram channel end to end in long-polling mode (development): the real app fetches updates
// with getUpdates from the local Bot API emulation, runs each once and answers through sendMessage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../../helpers/app.js";
import { startTelegramEmulator, type TelegramEmulator } from "../../helpers/telegram-emulator.js";
import { callbackUpdate, lastKeyboard, textUpdate, textsTo, until } from "./updates.js";

let emu: TelegramEmulator;
let app: TestApp;
let closed = false;

beforeAll(async () => {
  emu = await startTelegramEmulator();
  // Sent while the bot was down: polling must not drop it.
  emu.pushUpdate(textUpdate(301, "/start"));
  app = await startApp({ TELEGRAM_BOT_TOKEN: emu.token, TELEGRAM_API_ROOT: emu.url, PORTAL: "off" });
});
afterAll(async () => {
  if (!closed) await app?.close();
  await emu?.close();
});

describe("Telegram long polling", () => {
  it("keeps updates sent while the bot was down and answers them", async () => {
    await until(() => textsTo(emu, 301).length >= 1);
    expect(textsTo(emu, 301)[0]).toContain("Xin chào anh/chị");
    const deleted = emu.callsOf("deleteWebhook")[0];
    expect(deleted?.payload["drop_pending_updates"]).toBe(false);
  });

  it("answers messages and button presses fetched with getUpdates, each once", async () => {
    emu.pushUpdate(textUpdate(302, "/menu"));
    await until(() => lastKeyboard(emu, 302) !== undefined);
    const press = callbackUpdate(302, "ask", { inline_keyboard: lastKeyboard(emu, 302) });
    emu.pushUpdate(press);
    await until(() => textsTo(emu, 302).length >= 2);
    expect(textsTo(emu, 302)[1]).toContain("Anh/chị cần hỏi thủ tục nào?");
    // Later polls confirm the offset: nothing is fetched or answered twice.
    await until(() => emu.callsOf("getUpdates").some((c) => Number(c.payload["offset"]) > press.update_id));
    await new Promise((r) => setTimeout(r, 500));
    expect(textsTo(emu, 302)).toHaveLength(2);
  });

  it("serves no webhook route in polling mode", async () => {
    const res = await app.http.request("/telegram/webhook", { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
  });

  it("stops polling when the app closes", async () => {
    await app.close();
    closed = true;
    const polls = emu.callsOf("getUpdates").length;
    emu.pushUpdate(textUpdate(303, "xin chào"));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(emu.callsOf("getUpdates").length).toBeLessThanOrEqual(polls + 1);
    expect(textsTo(emu, 303)).toEqual([]);
  });
});
