// A local emulation of the Zalo Bot Platform API on 127.0.0.1 (node:http): POST /bot<token>/<method>
// for getMe, sendMessage (1–2,000 chars), sendChatAction, sendPhoto and getUpdates; records every call.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One API call as received (failed ones too). */
export interface ZaloCall {
  readonly method: string;
  readonly body: Record<string, unknown>;
  /** The error code answered, or null when the call succeeded. */
  readonly failedWith: number | null;
}

export interface ZaloEmulator {
  /** API root to configure (ZALO_API_ROOT). */
  readonly url: string;
  readonly token: string;
  readonly calls: ZaloCall[];
  /** A PNG served at `imageUrl` (GET) for photo_url downloads; `imageGets` counts the downloads. */
  readonly image: Buffer;
  readonly imageUrl: string;
  readonly imageGets: number;
  /** Texts successfully sent to a chat, in order. */
  sent(chatId: string): string[];
  /** Photos successfully sent to a chat (URL and caption). */
  photos(chatId: string): Array<{ photo: string; caption?: string }>;
  /** Queues an update for getUpdates (returned one per call). */
  queueUpdate(update: unknown): void;
  /** The next `times` calls of `method` answer error `code` (429, 500, 400…). */
  failNext(method: string, code: number, times?: number): void;
  close(): Promise<void>;
}

export interface ZaloEmulatorOptions {
  readonly token?: string;
  /** How long an empty getUpdates waits before answering 408 (default 100 ms). */
  readonly emptyPollMs?: number;
  /** Told about every call as it is answered (benchmarks time replies with it). */
  readonly onCall?: (call: ZaloCall) => void;
  /** Keep calls in `calls` (default true; long benchmarks turn it off to bound memory). */
  readonly record?: boolean;
}

const PNG_1x1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);

/** Starts the emulation on an ephemeral loopback port. */
export async function startZaloEmulator(options: ZaloEmulatorOptions = {}): Promise<ZaloEmulator> {
  const token = options.token ?? "1234567:emulated-bot-token";
  const calls: ZaloCall[] = [];
  const updates: unknown[] = [];
  const failures = new Map<string, number[]>();
  const waiting = new Set<() => void>();
  let imageGets = 0;
  let messageId = 0;

  const reply = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, code: number, description: string, http = code): void =>
    reply(res, http, { ok: false, error_code: code, description });
  const sentResult = () => ({ ok: true, result: { message_id: `m${++messageId}`, date: Date.now() } });

  async function getUpdates(res: ServerResponse): Promise<void> {
    if (updates.length === 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiting.delete(wake);
          resolve();
        };
        waiting.add(wake);
        setTimeout(wake, options.emptyPollMs ?? 100);
      });
    }
    if (res.destroyed || res.writableEnded) return;
    const next = updates.shift();
    // An empty long poll is error 408 inside an HTTP 200 envelope.
    if (next === undefined) return fail(res, 408, "Request timeout", 200);
    reply(res, 200, { ok: true, result: next });
  }

  function api(method: string, body: Record<string, unknown>, res: ServerResponse): Promise<void> | void {
    const chatOk = typeof body.chat_id === "string" && body.chat_id !== "";
    switch (method) {
      case "getMe":
        return reply(res, 200, { ok: true, result: { id: "1234567", account_name: "bot.motcua" } });
      case "sendMessage": {
        const text = body.text;
        if (!chatOk || typeof text !== "string" || text.length < 1 || text.length > 2000)
          return fail(res, 400, "Bad Request: text must be 1-2000 characters");
        return reply(res, 200, sentResult());
      }
      case "sendPhoto":
        if (!chatOk || typeof body.photo !== "string" || !/^https?:\/\//.test(body.photo))
          return fail(res, 400, "Bad Request: photo must be an image URL");
        return reply(res, 200, sentResult());
      case "sendChatAction":
        return chatOk ? reply(res, 200, { ok: true }) : fail(res, 400, "Bad Request: chat_id");
      case "getUpdates":
        return getUpdates(res);
      default:
        return fail(res, 404, "Not Found: method");
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === "GET" && req.url === "/files/photo.png") {
      imageGets += 1;
      res.writeHead(200, { "content-type": "image/png", "content-length": PNG_1x1.length }).end(PNG_1x1);
      return;
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== "POST" || !match) return fail(res, 404, "Not Found");
    if (match[1] !== token) return fail(res, 401, "Unauthorized: invalid token");
    const method = match[2] ?? "";
    let body: Record<string, unknown> = {};
    try {
      const text = Buffer.concat(chunks).toString("utf8");
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return fail(res, 400, "Bad Request: body is not JSON");
    }
    const failure = failures.get(method)?.shift();
    const call: ZaloCall = { method, body, failedWith: failure ?? null };
    if (options.record !== false) calls.push(call);
    if (failure !== undefined) return fail(res, failure, failure === 429 ? "Too Many Requests" : "Error");
    await api(method, body, res);
    options.onCall?.(call);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ok = (method: string, chatId: string) =>
    calls.filter((c) => c.method === method && c.failedWith === null && c.body.chat_id === chatId);

  return {
    url,
    token,
    calls,
    image: PNG_1x1,
    imageUrl: `${url}/files/photo.png`,
    get imageGets() {
      return imageGets;
    },
    sent: (chatId) => ok("sendMessage", chatId).map((c) => String(c.body.text)),
    photos: (chatId) =>
      ok("sendPhoto", chatId).map((c) => ({
        photo: String(c.body.photo),
        ...(typeof c.body.caption === "string" ? { caption: c.body.caption } : {}),
      })),
    queueUpdate(update) {
      updates.push(update);
      for (const wake of [...waiting]) wake();
    },
    failNext(method, code, times = 1) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array<number>(times).fill(code)]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const wake of [...waiting]) wake();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
