// SQLite conversation states: one JSON row per conversation whose expiry moves forward on every
// save. Loading validates the JSON with parseState, so damaged or outdated rows read as absent.
import type { ConversationStore } from "../../core/ports.js";
import { parseState, type ConversationState } from "../../core/dialogue/state.js";
import { parseJson } from "../records.js";
import { settle, type SqliteContext } from "./database.js";

/** Conversation states in SQLite; `afterSave` lets the caller sweep expired rows now and then. */
export function createSqliteConversationStore(ctx: SqliteContext, afterSave: () => void): ConversationStore {
  const select = ctx.db.prepare<[string, number], { state: string }>(
    "SELECT state FROM conversations WHERE id = ? AND expires_at > ?",
  );
  const upsert = ctx.db.prepare<[string, string, number]>(
    `INSERT INTO conversations (id, state, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at`,
  );
  const remove = ctx.db.prepare<[string]>("DELETE FROM conversations WHERE id = ?");

  return {
    load(conversationId: string): Promise<ConversationState | null> {
      return settle(() => {
        const row = select.get(conversationId, ctx.now());
        return row ? parseState(parseJson(row.state)) : null;
      });
    },
    save(conversationId: string, state: ConversationState): Promise<void> {
      return settle(() => {
        upsert.run(conversationId, JSON.stringify(state), ctx.expiresAt());
        afterSave();
      });
    },
    delete(conversationId: string): Promise<void> {
      return settle(() => void remove.run(conversationId));
    },
  };
}
