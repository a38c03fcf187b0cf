// The load benchmark's sender: one simulated user's message over its channel to the next app
// instance (round-robin), waiting for the reply; webhooks are sometimes delivered twice, like Telegram.
import {
  channelOf,
  chatIdOf,
  messageText,
  telegramUpdate,
  zaloUpdate,
  type LoadChannel,
} from "./load-plan.js";
import type { ReplyTracker, SentMessage } from "./load-tracker.js";

export const TELEGRAM_SECRET = "load_bench_secret";
export const ZALO_SECRET = "load-bench-zalo-secret";

export interface DriverOptions {
  /** Run id (part of web session ids). */
  readonly run: string;
  /** Base URLs of the app instances, used round-robin. */
  readonly instances: readonly string[];
  readonly tracker: ReplyTracker;
  /** How long a reply may take before the message counts as lost. */
  readonly timeoutMs: number;
  /** Every n-th webhook update is delivered a second time to another instance (0 = never). */
  readonly redeliverEvery: number;
}

/** Sends messages and counts redeliveries. */
export interface LoadDriver {
  /** Sends user `user`'s `k`-th message and waits for its first bubble (or the timeout). */
  send(user: number, k: number, counted?: boolean): Promise<void>;
  readonly redelivered: () => number;
  /** Why sends failed (error → count), for the report. */
  readonly failures: ReadonlyMap<string, number>;
}

/** The key the tracker files a chat under. */
export const chatKey = (channel: LoadChannel, chatId: string): string => `${channel}:${chatId}`;

interface WebAnswer {
  readonly replies?: ReadonlyArray<{ readonly text: string }>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Creates a driver over the given instances. */
export function createLoadDriver(options: DriverOptions): LoadDriver {
  const { tracker, instances } = options;
  let turn = 0;
  let updateId = 1;
  let redelivered = 0;
  const failures = new Map<string, number>();
  const nextInstance = (): string => instances[turn++ % instances.length] ?? "";

  async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
    return fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  }

  async function web(chat: string, text: string, msg: SentMessage): Promise<void> {
    const base = nextInstance();
    const res = await postJson(`${base}/api/chat`, { sessionId: chat, text });
    if (!res.ok) throw new Error(`web chat answered ${res.status}`);
    const answer = (await res.json()) as WebAnswer;
    const at = performance.now();
    for (const r of answer.replies ?? []) tracker.observe(chatKey("web", chat), r.text, at);
    // No reply in the answer: it may come outside the turn (GET /api/chat/updates).
    while (msg.firstAt === undefined && performance.now() - msg.sentAt < options.timeoutMs) {
      await sleep(25);
      const more = await fetch(`${base}/api/chat/updates?sessionId=${chat}`);
      const updates = (await more.json()) as WebAnswer;
      for (const r of updates.replies ?? []) tracker.observe(chatKey("web", chat), r.text);
    }
  }

  async function webhook(channel: "telegram" | "zalo", chat: string, text: string): Promise<void> {
    const id = updateId++;
    const [path, body, headers] =
      channel === "telegram"
        ? [
            "/telegram/webhook",
            telegramUpdate(id, chat, text),
            { "x-telegram-bot-api-secret-token": TELEGRAM_SECRET },
          ]
        : [
            "/zalo/webhook",
            zaloUpdate(`load-${options.run}-${id}`, chat, text),
            { "x-bot-api-secret-token": ZALO_SECRET },
          ];
    const first = postJson(`${nextInstance()}${path}`, body, headers);
    // At-least-once delivery: the same update again, at the same time, to another instance.
    const again =
      options.redeliverEvery > 0 && id % options.redeliverEvery === 0
        ? postJson(`${nextInstance()}${path}`, body, headers).then((r) => (redelivered++, r))
        : null;
    const [res, res2] = await Promise.all([first, again]);
    if (!res.ok || (res2 && !res2.ok)) throw new Error(`webhook answered ${res.status}`);
  }

  return {
    redelivered: () => redelivered,
    failures,
    async send(user, k, counted = true) {
      const channel = channelOf(user);
      const chat = chatIdOf(options.run, user);
      const text = messageText(user, k);
      const msg = tracker.start(chatKey(channel, chat), channel, counted);
      try {
        if (channel === "web") await web(chat, text, msg);
        else {
          await webhook(channel, chat, text);
          await tracker.waitFirst(chatKey(channel, chat), msg, options.timeoutMs);
        }
      } catch (err) {
        msg.failed = true;
        const reason = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 80) : "unknown";
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
      }
    },
  };
}
