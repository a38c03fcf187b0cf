// Incoming updates of push channels: a webhook (or polling loop) hands each update here; it is
// claimed once by its platform id (seen-log, shared across instances), queued, and the webhook
// answers at once. The queued turn runs the assistant and sends the replies from the same job.
import { rateNoticeKey, type InboundMessage, type Reply } from "../../core/messages.js";
import type { EventLog, SeenLog } from "../../core/ports.js";
import type { JobQueue } from "../../jobs/index.js";
import type { PushDispatcher } from "./dispatcher.js";
import type { TurnOrder } from "./turn-order.js";
import { pushAddress, type AttachmentRef, type PushSender } from "./types.js";

export const TURN_JOB = "channel-turn";
/** Platforms re-deliver within hours at most; a day covers every documented retry. */
const DEDUPE_TTL_SECONDS = 24 * 3600;
/** A chat over its rate limit is told so at most once this often. */
const LIMITED_NOTICE_SECONDS = 60;

/** A translated update, before any download: the message and, for photos, the platform's handle. */
export interface PendingTurn {
  readonly message: Omit<InboundMessage, "attachment">;
  readonly attachment?: AttachmentRef;
}

export interface InboundRunner {
  /** Claims the update by `updateKey` (e.g. "telegram:update:1234") and queues its turn. */
  accept(updateKey: string, turn: PendingTurn): Promise<"queued" | "duplicate">;
}

export interface InboundDeps {
  readonly queue: JobQueue;
  readonly seen: SeenLog;
  readonly senders: readonly PushSender[];
  readonly dispatcher: PushDispatcher;
  readonly handleTurn: (msg: InboundMessage) => Promise<Reply[]>;
  readonly log: EventLog;
  /** Turns run at most this many at a time per process (each conversation is still one at a time). */
  readonly concurrency?: number;
  /** Per-chat rate limit: false = over the limit, the turn is not run (absent = no limit). */
  readonly admit?: (conversationId: string) => Promise<boolean>;
  /** Sent once per minute to a chat over the limit ("anh/chị gửi nhanh quá…"). */
  readonly limitedReplies?: readonly Reply[];
  /** Runs a chat's turns in the order they were accepted, across instances. */
  readonly order: TurnOrder;
}

/** Creates the runner and registers the turn job handler on the queue. */
export function createInboundRunner(deps: InboundDeps): InboundRunner {
  const senders = new Map(deps.senders.map((s) => [s.channel, s]));

  async function hydrate(turn: PendingTurn, sender: PushSender | undefined): Promise<InboundMessage> {
    if (!turn.attachment) return turn.message;
    const ref = turn.attachment;
    const missing = { bytes: null, ...pick(ref) };
    if (!sender?.download) return { ...turn.message, attachment: missing };
    try {
      return { ...turn.message, attachment: await sender.download(ref) };
    } catch (err) {
      deps.log.warn("channel.download.failed", { channel: turn.message.channel, error: errorName(err) });
      return { ...turn.message, attachment: missing };
    }
  }

  /** Over the limit: the update stays claimed (never run) and the chat is told once a minute. */
  async function tellLimited(conversationId: string): Promise<void> {
    deps.log.info("channel.rate-limited", { channel: pushAddress(conversationId)?.channel ?? null });
    if (!deps.limitedReplies?.length) return;
    if (await deps.seen.firstTime(rateNoticeKey(conversationId), LIMITED_NOTICE_SECONDS))
      await deps.dispatcher.dispatch(conversationId, deps.limitedReplies);
  }

  async function runTurn(turn: PendingTurn): Promise<void> {
    const address = pushAddress(turn.message.conversationId);
    const sender = address ? senders.get(address.channel) : undefined;
    if (address && sender?.typing) sender.typing(address.chatId).catch(() => undefined);
    const replies = await deps.handleTurn(await hydrate(turn, sender));
    await deps.dispatcher.hold(turn.message.conversationId, replies);
  }

  deps.queue.process(
    TURN_JOB,
    async (data) => {
      // Jobs carry only the conversation (no message text in the queue): its waiting turns run
      // oldest first, then their replies are sent from the same job (no second job per message).
      // A job queued by an older version carries its turn and runs it as it is.
      const legacy = typeof data.message === "object" && data.message !== null;
      const turn = legacy ? (data as unknown as PendingTurn) : null;
      const conversationId = turn ? turn.message.conversationId : String(data.conversationId);
      if (turn) await runTurn(turn);
      else await deps.order.runWaiting(conversationId, runTurn);
      await deps.dispatcher.flush(conversationId);
    },
    // Retried: the mailbox hands each turn out once, so a retry (after a store error, or a crash —
    // then it also flushes the replies the crashed run had stored) never runs a turn twice.
    { attempts: 5, backoffMs: 1_000, concurrency: deps.concurrency ?? 32 },
  );

  return {
    async accept(updateKey, turn) {
      if (!(await deps.seen.firstTime(updateKey, DEDUPE_TTL_SECONDS))) return "duplicate";
      if (deps.admit && !(await deps.admit(turn.message.conversationId))) {
        await tellLimited(turn.message.conversationId);
        return "queued";
      }
      const conversationId = turn.message.conversationId;
      let seq: number | null = null;
      try {
        seq = await deps.order.enqueue(turn);
        await deps.queue.add(TURN_JOB, { conversationId }, { jobId: updateKey });
      } catch (err) {
        // Not queued: take the turn back and let the platform's retry in (unless a runner already
        // took it, in which case it ran and must not run again).
        const withdrawn = seq === null || (await deps.order.withdraw(conversationId, seq).catch(() => true));
        if (!withdrawn) return "queued";
        await deps.seen.forget(updateKey).catch(() => undefined);
        throw err;
      }
      return "queued";
    },
  };
}

function pick(ref: AttachmentRef): { mime?: string; name?: string; size?: number } {
  return {
    ...(ref.mime ? { mime: ref.mime } : {}),
    ...(ref.name ? { name: ref.name } : {}),
    ...(ref.size !== undefined ? { size: ref.size } : {}),
  };
}

const errorName = (err: unknown): string => (err instanceof Error ? err.name : "unknown");
