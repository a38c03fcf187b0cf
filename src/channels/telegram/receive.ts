// The one path every Telegram update takes, from the webhook or from long polling: validate,
// translate, claim it once by update_id and queue its turn (inbound.accept), answer a button press.
import type { Api } from "grammy";
import type { EventLog } from "../../core/ports.js";
import type { InboundRunner } from "../common/index.js";
import { translateUpdate, updateSchema } from "./update.js";

/** What became of an update: queued, already seen, dropped (not for us), or not an update at all. */
export type Received = "queued" | "duplicate" | "ignored" | "invalid";

export interface ReceiveDeps {
  readonly api: Api;
  readonly log: EventLog;
  readonly now: () => number;
  readonly isStaff: (userId: string) => boolean;
}

/** Creates the receiver; `accept` errors (store or queue down) propagate so the update is re-sent. */
export function createReceiver(deps: ReceiveDeps) {
  /** Stops the button's spinner; best effort, never delays the turn. */
  function answerButton(id: string): void {
    deps.api.answerCallbackQuery(id).catch((err: unknown) => {
      deps.log.warn("telegram.callback.unanswered", { error: err instanceof Error ? err.name : "unknown" });
    });
  }

  return async function receive(inbound: InboundRunner, body: unknown): Promise<Received> {
    const parsed = updateSchema.safeParse(body);
    if (!parsed.success) return "invalid";
    const update = translateUpdate(parsed.data, { now: deps.now(), isStaff: deps.isStaff });
    if (!update.turn) {
      if (update.callbackQueryId) answerButton(update.callbackQueryId);
      return "ignored";
    }
    const result = await inbound.accept(update.key, update.turn);
    if (result === "queued" && update.callbackQueryId) answerButton(update.callbackQueryId);
    return result;
  };
}

/** The receiver: takes the inbound runner and a raw update body. */
export type Receiver = ReturnType<typeof createReceiver>;
