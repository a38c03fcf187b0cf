// Keeps the turns of one push conversation in the order their updates were accepted, across every
// instance: accepted turns wait in the conversation's "in" mailbox and one runner at a time takes them.
import type { ConversationLock, EventLog, Mailbox } from "../../core/ports.js";
import type { PendingTurn } from "./inbound.js";

/**
 * Turn ordering for push channels. Jobs of one chat may start on any instance in any order (BullMQ
 * workers, lock polling); without this, "điền tờ khai" could run after the first form answer.
 */
export interface TurnOrder {
  /** Appends an accepted turn to its conversation's mailbox (call before queueing its job). */
  enqueue(turn: PendingTurn): Promise<number>;
  /** Takes an enqueued turn back out (its job could not be queued); false when it already ran. */
  withdraw(conversationId: string, seq: number): Promise<boolean>;
  /**
   * Runs every waiting turn of the conversation, oldest first, holding the conversation's ordering
   * lock until the mailbox is empty (turns arriving meanwhile are run too). Returns how many ran.
   */
  runWaiting(conversationId: string, run: (turn: PendingTurn) => Promise<void>): Promise<number>;
}

export interface TurnOrderDeps {
  readonly mailbox: Mailbox;
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

/** Creates the ordering over the stored mailbox and the shared lock. */
export function createTurnOrder(deps: TurnOrderDeps): TurnOrder {
  return {
    enqueue: (turn) => deps.mailbox.append("in", turn.message.conversationId, JSON.stringify(turn)),
    withdraw: (conversationId, seq) => deps.mailbox.remove("in", conversationId, seq),
    async runWaiting(conversationId, run) {
      return deps.locks.run(`inbox:${conversationId}`, async () => {
        let ran = 0;
        for (;;) {
          const item = await deps.mailbox.head("in", conversationId);
          if (!item) return ran;
          // Taken before it runs: a crash mid-turn loses this one message, never runs it twice;
          // the turns behind it stay stored and run on restart.
          if (!(await deps.mailbox.remove("in", conversationId, item.seq))) continue;
          const turn = decode(item.body);
          if (!turn) continue;
          try {
            await run(turn);
          } catch (err) {
            // One turn's failure (its replies could not be queued) must not drop the later ones.
            deps.log.error("channel.turn.failed", { error: err instanceof Error ? err.name : "unknown" });
          }
          ran += 1;
        }
      });
    },
  };
}
