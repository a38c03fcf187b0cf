// SQLite mailboxes of push chats: one row per waiting item, read oldest first by AUTOINCREMENT seq
// (never reused, so "bubble i of item seq was sent" marks stay unique). Each append extends expiry.
import type { Mailbox } from "../../core/ports.js";
import { settle, type SqliteContext } from "./database.js";

/** Stored item text: the body inside a JSON object, so the sealed-record codecs apply to it. */
const encode = (body: string): string => JSON.stringify({ body });

function decode(text: string): string | null {
  try {
    const value = JSON.parse(text) as { body?: unknown };
    return typeof value?.body === "string" ? value.body : null;
  } catch {
    return null;
  }
}

/** The mailboxes in SQLite; a damaged item is dropped when it reaches the head. */
export function createSqliteMailbox(ctx: SqliteContext): Mailbox {
  const insert = ctx.db.prepare<[string, string, string, number]>(
    "INSERT INTO mailbox (box, conversation_id, item, expires_at) VALUES (?, ?, ?, ?)",
  );
  const refresh = ctx.db.prepare<[number, string, string]>(
    "UPDATE mailbox SET expires_at = ? WHERE conversation_id = ? AND box = ?",
  );
  const first = ctx.db.prepare<[string, string, number], { seq: number; item: string }>(
    `SELECT seq, item FROM mailbox WHERE conversation_id = ? AND box = ? AND expires_at > ?
     ORDER BY seq LIMIT 1`,
  );
  const removeOne = ctx.db.prepare<[number, string, string]>(
    "DELETE FROM mailbox WHERE seq = ? AND conversation_id = ? AND box = ?",
  );
  const removeAll = ctx.db.prepare<[string]>("DELETE FROM mailbox WHERE conversation_id = ?");

  const append = ctx.db.transaction((box: string, conversationId: string, body: string) => {
    const expiresAt = ctx.expiresAt();
    const { lastInsertRowid } = insert.run(box, conversationId, encode(body), expiresAt);
    refresh.run(expiresAt, conversationId, box);
    return Number(lastInsertRowid);
  });
  const head = ctx.db.transaction((box: string, conversationId: string) => {
    for (;;) {
      const row = first.get(conversationId, box, ctx.now());
      if (!row) return null;
      const body = decode(row.item);
      if (body !== null) return { seq: row.seq, body };
      removeOne.run(row.seq, conversationId, box);
    }
  });

  return {
    append: (box, conversationId, body) => settle(() => append(box, conversationId, body)),
    head: (box, conversationId) => settle(() => head(box, conversationId)),
    remove: (box, conversationId, seq) => settle(() => removeOne.run(seq, conversationId, box).changes > 0),
    deleteConversation: (conversationId) => settle(() => void removeAll.run(conversationId)),
  };
}
