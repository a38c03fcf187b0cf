// The real app for the HTTP fuzz tests: every endpoint on (staff token, Telegram and Zalo webhooks
// against their local emulations, the embedded portal's callback), served on 127.0.0.1, plus checks.
import { expect } from "vitest";
import { listen, startApp, type TestApp } from "../helpers/app.js";
import { startTelegramEmulator, type TelegramEmulator } from "../helpers/telegram-emulator.js";
import { startZaloEmulator, type ZaloEmulator } from "../helpers/zalo-emulator.js";
import { knownConversation, type KnownConversation } from "./known-conversation.js";

export const STAFF_TOKEN = "fuzz-staff-token-0123456789";
export const TELEGRAM_SECRET = "fuzz_Telegram-secret";
export const ZALO_SECRET = "fuzz-zalo-webhook-secret";

export interface HttpRig {
  readonly app: TestApp;
  readonly url: string;
  readonly known: KnownConversation;
  close(): Promise<void>;
}

/** Starts emulators, the app and its server; `begin`s the held conversation over POST /api/chat. */
export async function startRig(): Promise<HttpRig> {
  const telegram: TelegramEmulator = await startTelegramEmulator();
  const zalo: ZaloEmulator = await startZaloEmulator();
  const app = await startApp({
    STAFF_API_TOKEN: STAFF_TOKEN,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    TELEGRAM_API_ROOT: telegram.url,
    ZALO_BOT_TOKEN: zalo.token,
    ZALO_API_ROOT: `${zalo.url}/`,
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    RATE_LIMIT_PER_MINUTE: "0",
    RATE_LIMIT_IP_PER_MINUTE: "0",
  });
  const server = await listen(app);
  const known = knownConversation(
    async (session, text, optionId) => {
      const res = await app.http.request("/api/chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sessionId: session, text, ...(optionId ? { optionId } : {}) }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { replies: Array<{ text: string }> }).replies;
    },
    (session) => app.stores.conversations.load(`web:${session}`),
    "fuzz-known-held",
    "fuzz-known-twin",
  );
  await known.begin();
  return {
    app,
    url: server.url,
    known,
    async close() {
      await server.stop();
      await app.close();
      await telegram.close();
      await zalo.close();
    },
  };
}

/** Secrets of the test configuration that no answer may ever contain. */
export const SECRETS = [STAFF_TOKEN, TELEGRAM_SECRET, ZALO_SECRET];

/**
 * An answer to bad input: never 5xx; an error is JSON with a non-empty polite message (Vietnamese
 * first), no stack trace, no secret. `label` names the request in failures.
 */
export async function expectHandled(res: Response, label: string): Promise<void> {
  expect(res.status, label).toBeLessThan(500);
  const body = await res.text();
  for (const secret of SECRETS) expect(body, label).not.toContain(secret);
  expect(body, label).not.toMatch(/\bat .+\.(ts|js):\d+|TypeError|SyntaxError|RangeError/);
  const type = res.headers.get("content-type") ?? "";
  if (res.status >= 400 && type.includes("application/json") && body !== "") {
    const json = JSON.parse(body) as { error?: unknown };
    expect(typeof json.error, `${label}: ${body.slice(0, 200)}`).toBe("string");
    // Vietnamese: accented letters (combining marks once decomposed) or đ.
    expect(String(json.error).normalize("NFD"), label).toMatch(/[\u0300-\u036f]|đ/i);
  }
}
