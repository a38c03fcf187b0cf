// Keeps the turns of one push conversation in the order their updates were accepted, across every
// instance: accepted turns wait in a per-conversation FIFO and one runner at a time takes them in order.
import type { ConversationLock, EventLog, Outbox } from "../../core/ports.js";
import type { PendingTurn } from "./inbound.js";

/** Prefix of the FIFO keys; distinct from every conversation id (those start with a channel name). */
const INBOX = "inbox:";

/**
 * Turn ordering for push channels. Jobs of one chat may start on any instance in any order (BullMQ
 * workers, lock polling); without this, "điền tờ khai" could run after the first form answer.
 */
export interface TurnOrder {
  /** Appends an accepted turn to its conversation's FIFO (call before queueing its job). */
  enqueue(turn: PendingTurn): Promise<void>;
  /**
   * Runs every waiting turn of the conversation, oldest first, holding the conversation's ordering
   * lock until the FIFO is empty (turns arriving meanwhile are run too). Returns how many ran.
   */
  runWaiting(conversationId: string, run: (turn: PendingTurn) => Promise<void>): Promise<number>;
}

export interface TurnOrderDeps {
  /**
   * The stored outbox, used as a per-key FIFO under "inbox:<conversation id>" (atomic drain, expiring
   * keys, both backends). Turns sit there only between the webhook's answer and their job.
   */
  readonly fifo: Outbox;
  readonly locks: ConversationLock;
  readonly log: EventLog;
}

function decode(text: string): PendingTurn | null {
  try {
    const turn = JSON.parse(text) as PendingTurn;
    return typeof turn?.message?.conversationId === "string" ? turn : null;
  } catch {
    return null;
  }
}

/** Creates the ordering over the stored outbox and the shared lock. */
export function createTurnOrder(deps: TurnOrderDeps): TurnOrder {
  return {
    async enqueue(turn) {
      await deps.fifo.push(`${INBOX}${turn.message.conversationId}`, [{ text: JSON.stringify(turn) }]);
    },
    async runWaiting(conversationId, run) {
      const key = `${INBOX}${conversationId}`;
      return deps.locks.run(key, async () => {
        let ran = 0;
        for (;;) {
          const waiting = await deps.fifo.drain(key);
          if (waiting.length === 0) return ran;
          for (const stored of waiting) {
            const turn = decode(stored.text);
            if (!turn) continue;
            try {
              await run(turn);
            } catch (err) {
              // One turn's failure (its replies could not be queued) must not drop the later ones.
              deps.log.error("channel.turn.failed", { error: err instanceof Error ? err.name : "unknown" });
            }
            ran += 1;
          }
        }
      });
    },
  };
}
