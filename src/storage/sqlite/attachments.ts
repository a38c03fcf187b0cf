// SQLite attachments: sealed (encrypted) photo bytes as a BLOB with their metadata, by conversation.
// The store never sees a photo in clear; rows expire like the conversation's other records.
import type { AttachmentInfo, AttachmentStore, StoredAttachment } from "../../core/ports.js";
import { settle, type SqliteContext } from "./database.js";

interface Row {
  id: string;
  conversation_id: string;
  mime: string;
  created_at: number;
  size: number;
}

const info = (r: Row): AttachmentInfo => ({
  id: r.id,
  conversationId: r.conversation_id,
  mime: r.mime,
  createdAt: r.created_at,
  size: r.size,
});

/** Sealed attachments in SQLite; putting the same id again replaces the row. */
export function createSqliteAttachmentStore(ctx: SqliteContext): AttachmentStore {
  const upsert = ctx.db.prepare<[string, string, string, number, number, Buffer, number]>(
    `INSERT INTO attachments (id, conversation_id, mime, created_at, size, sealed, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET conversation_id = excluded.conversation_id, mime = excluded.mime,
       created_at = excluded.created_at, size = excluded.size, sealed = excluded.sealed,
       expires_at = excluded.expires_at`,
  );
  const byId = ctx.db.prepare<[string, number], Row & { sealed: Buffer }>(
    `SELECT id, conversation_id, mime, created_at, size, sealed FROM attachments
     WHERE id = ? AND expires_at > ?`,
  );
  const byConversation = ctx.db.prepare<[string, number], Row>(
    `SELECT id, conversation_id, mime, created_at, size FROM attachments
     WHERE conversation_id = ? AND expires_at > ? ORDER BY created_at, rowid`,
  );
  const remove = ctx.db.prepare<[string]>("DELETE FROM attachments WHERE conversation_id = ?");
  const move = ctx.db.prepare<{ from: string; to: string; expiresAt: number; now: number }>(
    `UPDATE attachments SET conversation_id = @to, expires_at = @expiresAt
     WHERE conversation_id = @from AND expires_at > @now`,
  );

  return {
    put: (a: StoredAttachment) =>
      settle(() => {
        const sealed = Buffer.from(a.sealed.buffer, a.sealed.byteOffset, a.sealed.byteLength);
        upsert.run(a.id, a.conversationId, a.mime, a.createdAt, sealed.byteLength, sealed, ctx.expiresAt());
      }),
    get: (id) =>
      settle(() => {
        const row = byId.get(id, ctx.now());
        return row ? { ...info(row), sealed: new Uint8Array(row.sealed) } : null;
      }),
    listFor: (conversationId) => settle(() => byConversation.all(conversationId, ctx.now()).map(info)),
    deleteConversation: (conversationId) => settle(() => void remove.run(conversationId)),
    moveConversation: (from, to) =>
      settle(() => void move.run({ from, to, expiresAt: ctx.expiresAt(), now: ctx.now() })),
  };
}
