// A local emulation of the Telegram Bot API on 127.0.0.1 for end-to-end tests: POST /bot<token>/<method>
// answers {ok, result} like Telegram, GET /file/bot<token>/<path> serves files; it records every call.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One call the bot made (payload as sent: JSON fields) and whether it was answered ok. */
export interface BotCall {
  readonly method: string;
  readonly payload: Record<string, unknown>;
  ok: boolean;
}

/** A scripted failure for the next call of a method. */
export interface Failure {
  readonly code: number;
  readonly description: string;
  readonly retryAfter?: number;
}

type Update = Record<string, unknown> & { update_id: number };

/** An error answer of the Bot API ({ok:false, error_code, description, parameters}). */
class ApiFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.description);
  }
}

export interface TelegramEmulator {
  /** Use as TELEGRAM_API_ROOT. */
  readonly url: string;
  readonly token: string;
  readonly calls: BotCall[];
  /** Calls of one method, oldest first (refused ones too: see `ok`). */
  callsOf(method: string): BotCall[];
  /** Makes the next call of `method` fail once with this error (queued: several = several calls). */
  failNext(method: string, failure: Failure): void;
  /** Chats that blocked the bot (sends answer 403). */
  readonly blocked: Set<string>;
  /** Queues an update for getUpdates (long polling). */
  pushUpdate(update: Update): void;
  /** A file the bot may fetch with getFile + GET /file/…; returns its file_id. */
  addFile(bytes: Uint8Array, path?: string): string;
  /** Paths downloaded through /file/bot<token>/… */
  readonly downloads: string[];
  close(): Promise<void>;
}

export interface TelegramEmulatorOptions {
  /** Told about every call once it has been answered (benchmarks time replies with it). */
  readonly onCall?: (call: BotCall) => void;
  /** Keep calls in `calls` (default true; long benchmarks turn it off to bound memory). */
  readonly record?: boolean;
}

export const BOT_INFO = {
  id: 777,
  is_bot: true,
  first_name: "Một cửa",
  username: "motcua_test_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  return (req.headers["content-type"] ?? "").includes("json")
    ? (JSON.parse(text) as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(text));
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** Starts the emulation for `token` on an ephemeral loopback port. */
export async function startTelegramEmulator(
  token = "123456:test-token_ABC",
  options: TelegramEmulatorOptions = {},
): Promise<TelegramEmulator> {
  const calls: BotCall[] = [];
  const failures = new Map<string, Failure[]>();
  const blocked = new Set<string>();
  const files = new Map<string, { path: string; bytes: Uint8Array }>();
  const downloads: string[] = [];
  let updates: Update[] = [];
  let waiters: Array<() => void> = [];
  let messageId = 100;

  const wake = () => {
    const w = waiters;
    waiters = [];
    w.forEach((f) => f());
  };

  async function getUpdates(p: Record<string, unknown>, req: IncomingMessage): Promise<Update[]> {
    const offset = Number(p["offset"] ?? 0);
    updates = updates.filter((u) => u.update_id >= offset); // confirmed ones are forgotten
    if (updates.length === 0 && Number(p["timeout"] ?? 0) > 0) {
      // Long poll, held at most 1 s here (or until an update arrives or the bot hangs up).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(1000, Number(p["timeout"]) * 1000));
        waiters.push(() => (clearTimeout(timer), resolve()));
        req.once("close", () => (clearTimeout(timer), resolve()));
      });
    }
    return updates.slice(0, Number(p["limit"] ?? 100));
  }

  function message(p: Record<string, unknown>, extra: Record<string, unknown>) {
    const chatId = Number(p["chat_id"]);
    return {
      message_id: ++messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private" },
      ...extra,
    };
  }

  async function answer(method: string, p: Record<string, unknown>, req: IncomingMessage): Promise<unknown> {
    switch (method) {
      case "getMe":
        return BOT_INFO;
      case "deleteWebhook":
      case "setWebhook":
      case "sendChatAction":
      case "answerCallbackQuery":
      case "setMyCommands":
        return true;
      case "sendMessage":
        return message(p, {
          text: p["text"],
          ...(p["reply_markup"] ? { reply_markup: p["reply_markup"] } : {}),
        });
      case "sendDocument":
        return message(p, { document: { file_id: "doc-1", file_unique_id: "u-doc-1" } });
      case "getFile": {
        const file = files.get(String(p["file_id"]));
        if (!file) throw new ApiFailure({ code: 400, description: "Bad Request: invalid file_id" });
        return {
          file_id: p["file_id"],
          file_unique_id: `u-${String(p["file_id"])}`,
          file_size: file.bytes.byteLength,
          file_path: file.path,
        };
      }
      case "getUpdates":
        return getUpdates(p, req);
      default:
        throw new ApiFailure({ code: 404, description: "Not Found: method not found" });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    const filePrefix = `/file/bot${token}/`;
    if (req.method === "GET" && url.pathname.startsWith(filePrefix)) {
      const path = url.pathname.slice(filePrefix.length);
      const file = [...files.values()].find((f) => f.path === path);
      downloads.push(path);
      if (!file) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      res.writeHead(200, { "content-type": "application/octet-stream" });
      return void res.end(Buffer.from(file.bytes));
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!match || req.method !== "POST")
      return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (match[1] !== token)
      return reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2] ?? "";
    const payload = await readJson(req);
    const call: BotCall = { method, payload, ok: false };
    if (options.record !== false) calls.push(call);
    const failure = failures.get(method)?.shift();
    const chatId = payload["chat_id"];
    const chat = typeof chatId === "string" || typeof chatId === "number" ? String(chatId) : null;
    try {
      if (failure) throw new ApiFailure(failure);
      if (chat !== null && blocked.has(chat))
        throw new ApiFailure({ code: 403, description: "Forbidden: bot was blocked by the user" });
      const result = await answer(method, payload, req);
      call.ok = true;
      reply(res, 200, { ok: true, result });
      options.onCall?.(call);
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      const f = err.failure;
      const parameters = f.retryAfter !== undefined ? { parameters: { retry_after: f.retryAfter } } : {};
      reply(res, f.code, { ok: false, error_code: f.code, description: f.description, ...parameters });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() =>
      reply(res, 500, { ok: false, error_code: 500, description: "Internal Server Error" }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    blocked,
    downloads,
    callsOf: (method) => calls.filter((c) => c.method === method),
    failNext(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    pushUpdate(update) {
      updates.push(update);
      wake();
    },
    addFile(bytes, path = `photos/file_${files.size + 1}.jpg`) {
      const id = `file-${files.size + 1}`;
      files.set(id, { path, bytes });
      return id;
    },
    close: () =>
      new Promise<void>((resolve) => {
        wake();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
