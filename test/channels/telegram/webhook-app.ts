// The real app in Telegram webhook mode against a local Bot API emulation, for the test files (or
// suites) that talk to it: started before their tests and closed after them; and the webhook POST.
import { afterAll, beforeAll } from "vitest";
import type { MotcuaApp } from "../../../src/app/create-app.js";
import { startApp, type TestApp } from "../../helpers/app.js";
import { startTelegramEmulator, type TelegramEmulator } from "../../helpers/telegram-emulator.js";

/** POSTs `update` to the app's /telegram/webhook with `secret` in the header Telegram sends. */
export async function postTelegramUpdate(app: MotcuaApp, update: unknown, secret: string): Promise<Response> {
  return app.http.request("/telegram/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
    body: JSON.stringify(update),
  });
}

export interface TelegramWebhookApp {
  readonly emu: TelegramEmulator;
  readonly app: TestApp;
}

/**
 * A fresh emulation and the app (portal off) with TELEGRAM_WEBHOOK_SECRET `secret`, for the current
 * file or suite; `env` adds settings (a function of the emulation when it needs its address).
 */
export function telegramWebhookApp(
  secret: string,
  env: Record<string, string> | ((emu: TelegramEmulator) => Record<string, string>) = {},
): TelegramWebhookApp {
  let emu: TelegramEmulator | undefined;
  let app: TestApp | undefined;
  beforeAll(async () => {
    emu = await startTelegramEmulator();
    app = await startApp({
      TELEGRAM_BOT_TOKEN: emu.token,
      TELEGRAM_WEBHOOK_SECRET: secret,
      TELEGRAM_API_ROOT: emu.url,
      PORTAL: "off",
      ...(typeof env === "function" ? env(emu) : env),
    });
  });
  afterAll(async () => {
    await app?.close();
    await emu?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the Telegram webhook app is not started yet (use it in tests)");
    return value;
  };
  return {
    get emu() {
      return started(emu);
    },
    get app() {
      return started(app);
    },
  };
}
