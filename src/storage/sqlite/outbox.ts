// SQLite outbox: replies waiting for a conversation, in insertion order. Draining reads and
// deletes in one transaction, so two drains never deliver the same reply twice.
import type { Reply } from "../../core/messages.js";
import type { Outbox } from "../../core/ports.js";
import { parseReply, present } from "../records.js";
import { settle, type SqliteContext } from "./database.js";

/** The outbox in SQLite; each push extends the expiry of everything waiting for that conversation. */
export function createSqliteOutbox(ctx: SqliteContext): Outbox {
  const insert = ctx.db.prepare<[string, string, number]>(
    "INSERT INTO outbox (conversation_id, reply, expires_at) VALUES (?, ?, ?)",
  );
  const refresh = ctx.db.prepare<[number, string]>(
    "UPDATE outbox SET expires_at = ? WHERE conversation_id = ?",
  );
  const waiting = ctx.db.prepare<[string, number], { reply: string }>(
    "SELECT reply FROM outbox WHERE conversation_id = ? AND expires_at > ? ORDER BY seq",
  );
  const remove = ctx.db.prepare<[string]>("DELETE FROM outbox WHERE conversation_id = ?");

  const push = ctx.db.transaction((conversationId: string, replies: readonly Reply[]) => {
    const expiresAt = ctx.expiresAt();
    for (const reply of replies) insert.run(conversationId, JSON.stringify(reply), expiresAt);
    refresh.run(expiresAt, conversationId);
  });
  const drain = ctx.db.transaction((conversationId: string) => {
    const rows = waiting.all(conversationId, ctx.now());
    remove.run(conversationId);
    return present(rows.map((r) => parseReply(r.reply)));
  });

  return {
    push: (conversationId, replies) => settle(() => push(conversationId, replies)),
    drain: (conversationId) => settle(() => drain(conversationId)),
    deleteConversation: (conversationId) => settle(() => void remove.run(conversationId)),
  };
}
