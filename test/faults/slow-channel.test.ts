// A slow channel API: the Telegram Bot API (emulated) holds every sendMessage to one chat for seconds.
// Other citizens writing at the same moment get their answers while that chat's send is still held,
// and the slow chat still gets its answer, once.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textUpdate } from "../channels/telegram/updates.js";
import { postTelegramUpdate } from "../channels/telegram/webhook-app.js";
import { startApp, type TestApp } from "../helpers/app.js";
import { startTelegramEmulator, type TelegramEmulator } from "../helpers/telegram-emulator.js";
import { until } from "../scale/instance.js";

const SECRET = "slow-channel-secret";
const SLOW_CHAT = 81_000;
const FAST_CHATS = [81_001, 81_002, 81_003, 81_004, 81_005];
const HOLD_MS = 4_000;

interface SlowProxy {
  readonly url: string;
  /** Chat ids of the sendMessage calls received (held or not), in order. */
  readonly received: string[];
  /** Chat ids in the order their sendMessage calls were answered to the bot. */
  readonly answered: string[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** An HTTP proxy in front of the emulator that holds sendMessage to `slowChat` for `holdMs`. */
async function startSlowProxy(target: string, slowChat: number, holdMs: number): Promise<SlowProxy> {
  const answered: string[] = [];
  const received: string[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const isSend = (req.url ?? "").endsWith("/sendMessage");
    let chat = "";
    if (isSend && (req.headers["content-type"] ?? "").includes("json"))
      chat = String((JSON.parse(body.toString("utf8")) as { chat_id?: number | string }).chat_id ?? "");
    if (isSend) received.push(chat);
    if (chat === String(slowChat)) await new Promise((r) => setTimeout(r, holdMs));
    const upstream = await fetch(`${target}${req.url ?? "/"}`, {
      method: req.method ?? "POST",
      headers: { "content-type": req.headers["content-type"] ?? "application/json" },
      ...(req.method === "GET" ? {} : { body }),
    });
    const text = await upstream.text();
    if (isSend) answered.push(chat);
    res.writeHead(upstream.status, { "content-type": "application/json" }).end(text);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answered,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

describe("a slow channel API for one chat", () => {
  let telegram: TelegramEmulator;
  let proxy: SlowProxy;
  let app: TestApp;
  beforeAll(async () => {
    telegram = await startTelegramEmulator();
    proxy = await startSlowProxy(telegram.url, SLOW_CHAT, HOLD_MS);
    app = await startApp({
      PORTAL: "off",
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: proxy.url,
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await telegram?.close();
  });

  const post = async (chat: number, text: string): Promise<number> =>
    (await postTelegramUpdate(app, textUpdate(chat, text), SECRET)).status;
  const sentTo = (chat: number) =>
    telegram.callsOf("sendMessage").filter((c) => c.ok && String(c.payload["chat_id"]) === String(chat));

  it("answers the other chats while one chat's sends are held", async () => {
    expect(await post(SLOW_CHAT, "làm căn cước cần gì")).toBe(200);
    // Wait until the slow chat's first send is being held, then the others write.
    await until(() => proxy.received.includes(String(SLOW_CHAT)), "the slow chat's send to be held");
    for (const chat of FAST_CHATS) expect(await post(chat, "đăng ký kết hôn cần gì")).toBe(200);
    await until(() => FAST_CHATS.every((c) => sentTo(c).length > 0), "the other chats' answers", 60_000);
    await until(() => proxy.answered.includes(String(SLOW_CHAT)), "the slow chat's answer", 60_000);
    // Every other chat had its first answer before the slow chat's first send came back.
    const firstSlow = proxy.answered.indexOf(String(SLOW_CHAT));
    for (const chat of FAST_CHATS) {
      const first = proxy.answered.indexOf(String(chat));
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThan(firstSlow);
    }
    // The slow chat is answered once (no retry duplicated the held message).
    const firstText = sentTo(SLOW_CHAT)[0]?.payload["text"];
    expect(typeof firstText).toBe("string");
    expect(sentTo(SLOW_CHAT).filter((c) => c.payload["text"] === firstText)).toHaveLength(1);
  }, 90_000);
});
