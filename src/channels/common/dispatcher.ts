// Outgoing replies of push channels wait in the chat's "out" mailbox and a queued job sends them:
// durable, retried with backoff, in order per chat across instances, each bubble once (seen-log marks).
import type { Reply } from "../../core/messages.js";
import type { ConversationLock, EventLog, Mailbox, MailboxItem, SeenLog } from "../../core/ports.js";
import type { JobData, JobQueue } from "../../jobs/index.js";
import { createRateLimiter, type RateLimiter, type RateLimitOptions } from "./rate-limit.js";
import {
  ChannelRejectedError,
  ChannelRetryError,
  pushAddress,
  type PushChannelName,
  type PushSender,
} from "./types.js";

export const SEND_JOB = "channel-send";
/** How long "bubble i of item n was sent" is remembered (longer than any retry schedule). */
const SENT_TTL_SECONDS = 2 * 24 * 3600;
/** A 429's retry_after up to this is waited inside the job; longer ones go back to the queue. */
const MAX_INLINE_WAIT_MS = 30_000;
/** Attempts of a send job; after the last one the reply at the head is given up (it would block the chat). */
const SEND_ATTEMPTS = 8;

/** Default flood limits: Telegram's documented ~30 messages/s overall; Zalo publishes none. */
const DEFAULT_LIMITS: Record<PushChannelName, RateLimitOptions> = {
  telegram: { perSecond: 25, perChatGapMs: 0 },
  zalo: { perSecond: 15, perChatGapMs: 0 },
};

export interface PushDispatcher {
  /** Stores replies for a push conversation and queues a job sending them; false when no running channel serves it. */
  dispatch(conversationId: string, replies: readonly Reply[]): Promise<boolean>;
  /**
   * Stores replies without queueing a job, for a caller that flushes next (a turn job: its own
   * retry brings the flush back after a crash); false when no running channel serves it.
   */
  hold(conversationId: string, replies: readonly Reply[]): Promise<boolean>;
  /** Sends what waits for the conversation now; on failure queues a job that retries with backoff. */
  flush(conversationId: string): Promise<void>;
  /** Whether replies to this conversation are pushed (rather than kept for the web page). */
  handles(conversationId: string): boolean;
}

export interface DispatcherDeps {
  readonly queue: JobQueue;
  readonly seen: SeenLog;
  readonly locks: ConversationLock;
  /** The chats' "out" mailboxes: replies wait there (sealed like other records), jobs carry only ids. */
  readonly mailbox: Mailbox;
  readonly senders: readonly PushSender[];
  readonly log: EventLog;
  readonly limits?: Partial<Record<PushChannelName, RateLimitOptions>>;
  /** Send jobs run at most this many at a time per process (a slow chat never holds the others). */
  readonly concurrency?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates the dispatcher and registers its job handler on the queue. */
export function createPushDispatcher(deps: DispatcherDeps): PushDispatcher {
  const senders = new Map(deps.senders.map((s) => [s.channel, s]));
  const limiters = new Map<PushChannelName, RateLimiter>(
    deps.senders.map((s) => [
      s.channel,
      createRateLimiter(deps.limits?.[s.channel] ?? DEFAULT_LIMITS[s.channel]),
    ]),
  );
  const handles = (conversationId: string): boolean => {
    const address = pushAddress(conversationId);
    return address !== null && senders.has(address.channel);
  };

  async function sendOne(sender: PushSender, chatId: string, reply: Reply): Promise<void> {
    for (let tries = 1; ; tries++) {
      await limiters.get(sender.channel)?.take(chatId);
      try {
        return await sender.send(chatId, reply);
      } catch (err) {
        const wait = err instanceof ChannelRetryError ? err.retryAfterMs : undefined;
        if (wait === undefined || wait > MAX_INLINE_WAIT_MS || tries >= 3) throw err;
        await sleep(wait);
      }
    }
  }

  function parseReplies(item: MailboxItem): Reply[] {
    try {
      const value = JSON.parse(item.body) as unknown;
      return Array.isArray(value) ? (value as Reply[]) : [];
    } catch {
      return [];
    }
  }

  /** Sends one waiting item's bubbles, skipping those a previous attempt sent (a chat that rejected us: dropped). */
  async function sendItem(sender: PushSender, chatId: string, item: MailboxItem): Promise<void> {
    for (const [i, reply] of parseReplies(item).entries()) {
      const key = `sent:${item.seq}:${i}`;
      if (await deps.seen.has(key)) continue;
      try {
        await sendOne(sender, chatId, reply);
      } catch (err) {
        if (!(err instanceof ChannelRejectedError)) throw err;
        deps.log.warn("channel.send.rejected", { channel: sender.channel, reason: err.message });
        return;
      }
      await deps.seen.firstTime(key, SENT_TTL_SECONDS);
    }
  }

  /** Sends everything waiting for the conversation, oldest first, under its send lock. */
  async function sendWaiting(conversationId: string, attempt: number): Promise<void> {
    const address = pushAddress(conversationId);
    const sender = address && senders.get(address.channel);
    if (!address || !sender) return;
    await deps.locks.run(`send:${conversationId}`, async () => {
      for (;;) {
        const item = await deps.mailbox.head("out", conversationId);
        if (!item) return;
        try {
          await sendItem(sender, address.chatId, item);
        } catch (err) {
          if (attempt >= SEND_ATTEMPTS) {
            deps.log.warn("channel.send.gave-up", { channel: address.channel });
            await deps.mailbox.remove("out", conversationId, item.seq);
          }
          throw err;
        }
        await deps.mailbox.remove("out", conversationId, item.seq);
      }
    });
  }

  deps.queue.process(
    SEND_JOB,
    async (data, info) => {
      const conversationId = String(data.conversationId);
      // A job queued by an older version carries its replies: they join the mailbox once.
      if (
        Array.isArray(data.replies) &&
        (await deps.seen.firstTime(`legacy-send:${info.jobId}`, SENT_TTL_SECONDS))
      )
        await deps.mailbox.append("out", conversationId, JSON.stringify(data.replies));
      await sendWaiting(conversationId, info.attempt);
    },
    { attempts: SEND_ATTEMPTS, backoffMs: 1_000, concurrency: deps.concurrency ?? 16 },
  );

  async function hold(conversationId: string, replies: readonly Reply[]): Promise<boolean> {
    if (!handles(conversationId)) return false;
    if (replies.length > 0) await deps.mailbox.append("out", conversationId, JSON.stringify(replies));
    return true;
  }

  const queueSend = (conversationId: string): Promise<void> =>
    deps.queue.add(SEND_JOB, { conversationId } satisfies JobData);

  return {
    handles,
    hold,
    async dispatch(conversationId, replies) {
      if (!(await hold(conversationId, replies))) return false;
      if (replies.length > 0) await queueSend(conversationId);
      return true;
    },
    async flush(conversationId) {
      if (!handles(conversationId)) return;
      try {
        await sendWaiting(conversationId, 0);
      } catch (err) {
        deps.log.warn("channel.send.deferred", { error: err instanceof Error ? err.name : "unknown" });
        await queueSend(conversationId);
      }
    },
  };
}
