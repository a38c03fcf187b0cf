// Shared set-up of the Zalo end-to-end tests: the real app (createApp) pointed at the local Zalo Bot
// API emulation, served over HTTP on 127.0.0.1, plus builders of Zalo updates and a waiting helper.
import { afterAll } from "vitest";
import { listen, startApp, type TestApp } from "../../helpers/app.js";
import {
  startZaloEmulator,
  type ZaloEmulator,
  type ZaloEmulatorOptions,
} from "../../helpers/zalo-emulator.js";

export const SECRET = "zalo-webhook-secret-for-tests";

export interface ZaloRig {
  readonly app: TestApp;
  readonly zalo: ZaloEmulator;
  /** Base URL of the app's HTTP server. */
  readonly url: string;
  /** POSTs a body to /zalo/webhook with the right secret (or `secret`; null = no header). */
  post(body: unknown, secret?: string | null): Promise<{ status: number; json: Record<string, unknown> }>;
}

/** Starts emulator + app (webhook mode unless `env` says otherwise); everything stops after the file. */
export async function startRig(
  env: Record<string, string> = {},
  emulator: ZaloEmulatorOptions = {},
): Promise<ZaloRig> {
  const zalo = await startZaloEmulator(emulator);
  const app = await startApp({
    ZALO_BOT_TOKEN: zalo.token,
    ZALO_API_ROOT: `${zalo.url}/`,
    ZALO_WEBHOOK_SECRET: SECRET,
    ...env,
  });
  const server = await listen(app);
  afterAll(async () => {
    await server.stop();
    await app.close();
    await zalo.close();
  });
  return {
    app,
    zalo,
    url: server.url,
    async post(body, secret = SECRET) {
      const res = await fetch(`${server.url}/zalo/webhook`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secret !== null ? { "x-bot-api-secret-token": secret } : {}),
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
  };
}

let nextId = 1000;

/** A bare (unwrapped) Zalo update as integrators report them. */
export function update(
  chatId: string,
  text: string,
  extra: { event?: string; messageId?: string; message?: Record<string, unknown> } = {},
): Record<string, unknown> {
  return {
    event_name: extra.event ?? "message.text.received",
    message: {
      message_id: extra.messageId ?? `msg-${nextId++}`,
      date: Date.now(),
      from: { id: chatId, display_name: "Nguyễn Văn Test", is_bot: false },
      chat: { id: chatId, chat_type: "PRIVATE" },
      text,
      ...extra.message,
    },
  };
}

/** The same update in the documented envelope {ok: true, result: {…}}. */
export const wrapped = (u: Record<string, unknown>) => ({ ok: true, result: u });

/** Waits until `check` holds (polling every 10 ms), failing after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A fresh chat id per test so conversations never mix. */
export const chat = (): string => `u${Math.random().toString(36).slice(2, 12)}`;
