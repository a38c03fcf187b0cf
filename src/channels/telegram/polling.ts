// Long polling for development (TELEGRAM_MODE=polling): grammY's bot.start loop in the background,
// every update handed to the same receiver as the webhook. Pending updates are kept across restarts.
import type { Bot } from "grammy";
import type { EventLog } from "../../core/ports.js";
import type { InboundRunner } from "../common/index.js";
import type { Receiver } from "./receive.js";

export interface PollingDeps {
  readonly bot: Bot;
  readonly receive: Receiver;
  readonly log: EventLog;
  /** start() resolves after this long even if Telegram has not answered yet (polling keeps trying). */
  readonly startWaitMs?: number;
  /** getUpdates long-poll duration in seconds (Telegram's default 30). */
  readonly pollSeconds?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const errorName = (err: unknown) => (err instanceof Error ? err.name : "unknown");

/** Resolves when `p` settles or after `ms`, whichever comes first. */
async function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** Creates the polling loop controller. */
export function createPolling(deps: PollingDeps) {
  const { bot, log } = deps;
  let loop: Promise<void> | null = null;

  /** Hands one update over; a store or queue hiccup is retried a few times before it is given up. */
  async function hand(inbound: InboundRunner, update: unknown): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.receive(inbound, update);
        return;
      } catch (err) {
        if (attempt >= 3) throw err;
        await sleep(500 * attempt);
      }
    }
  }

  return {
    /** Starts polling; resolves once Telegram answered (or after startWaitMs), rejects on a refused token. */
    async start(inbound: InboundRunner): Promise<void> {
      bot.use((ctx) => hand(inbound, ctx.update));
      bot.catch((err) => log.error("telegram.update.lost", { error: errorName(err.error) }));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          log.warn("telegram.polling.waiting", {
            reason: "Bot API not answering yet; retrying in background",
          });
          resolve();
        }, deps.startWaitMs ?? 15_000);
        loop = bot
          .start({
            drop_pending_updates: false,
            allowed_updates: ["message", "callback_query"],
            timeout: deps.pollSeconds ?? 30,
            onStart: () => {
              clearTimeout(timer);
              log.info("telegram.polling.started");
              resolve();
            },
          })
          .catch((err: unknown) => {
            clearTimeout(timer);
            log.error("telegram.polling.stopped", { error: errorName(err) });
            reject(
              new Error("Telegram từ chối kết nối (kiểm tra TELEGRAM_BOT_TOKEN) / Telegram refused polling"),
            );
          });
      });
    },
    /** Stops polling (bounded: a Bot API that does not answer cannot hold the shutdown). */
    async stop(): Promise<void> {
      if (bot.isRunning()) await settleWithin(bot.stop(), 5_000);
      if (loop) await settleWithin(loop, 5_000);
    },
  };
}
