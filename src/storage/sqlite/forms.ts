// SQLite confirmed forms: the whole form as JSON, indexed by conversation. Forms hold personal
// data, so they expire like everything else (ttl after they were saved).
import type { ConfirmedForm, FormStore } from "../../core/ports.js";
import { parseForm, present } from "../records.js";
import { settle, type SqliteContext } from "./database.js";

/** Confirmed forms in SQLite; saving the same id again replaces the form. */
export function createSqliteFormStore(ctx: SqliteContext): FormStore {
  const upsert = ctx.db.prepare<[string, string, number, string, number]>(
    `INSERT INTO forms (id, conversation_id, confirmed_at, form, expires_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET conversation_id = excluded.conversation_id,
       confirmed_at = excluded.confirmed_at, form = excluded.form, expires_at = excluded.expires_at`,
  );
  const byId = ctx.db.prepare<[string, number], { form: string }>(
    "SELECT form FROM forms WHERE id = ? AND expires_at > ?",
  );
  const byConversation = ctx.db.prepare<[string, number], { form: string }>(
    "SELECT form FROM forms WHERE conversation_id = ? AND expires_at > ? ORDER BY confirmed_at, rowid",
  );
  const remove = ctx.db.prepare<[string]>("DELETE FROM forms WHERE conversation_id = ?");
  const move = ctx.db.prepare<{ from: string; to: string; expiresAt: number; now: number }>(
    `UPDATE forms SET conversation_id = @to, form = json_set(form, '$.conversationId', @to),
       expires_at = @expiresAt
     WHERE conversation_id = @from AND expires_at > @now`,
  );

  return {
    save: (form: ConfirmedForm) =>
      settle(() => {
        const json = JSON.stringify(form);
        upsert.run(form.id, form.conversationId, form.confirmedAt, json, ctx.expiresAt());
      }),
    get: (id) => settle(() => parseForm(byId.get(id, ctx.now())?.form)),
    listFor: (conversationId) =>
      settle(() => present(byConversation.all(conversationId, ctx.now()).map((r) => parseForm(r.form)))),
    deleteConversation: (conversationId) => settle(() => void remove.run(conversationId)),
    moveConversation: (from, to) =>
      settle(() => void move.run({ from, to, expiresAt: ctx.expiresAt(), now: ctx.now() })),
  };
}
