// SQLite dossier links: the whole link as JSON, keyed by dossier code and indexed by conversation.
// Links hold a portal access token (a credential), so they expire like everything else (ttl after
// they were written) and are erased with the conversation.
import type { DossierLink, DossierStore } from "../../core/ports.js";
import { withoutSecret } from "../errors.js";
import { parseDossierLink, present } from "../records.js";
import { settle, type SqliteContext } from "./database.js";

/** Dossier links in SQLite; linking a code again replaces the link, moving it if it changed hands. */
export function createSqliteDossierStore(ctx: SqliteContext): DossierStore {
  const upsert = ctx.db.prepare<[string, string, number, string, number]>(
    `INSERT INTO dossiers (code, conversation_id, created_at, link, expires_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET conversation_id = excluded.conversation_id,
       created_at = excluded.created_at, link = excluded.link, expires_at = excluded.expires_at`,
  );
  const byCode = ctx.db.prepare<[string, number], { link: string }>(
    "SELECT link FROM dossiers WHERE code = ? AND expires_at > ?",
  );
  const byConversation = ctx.db.prepare<[string, number], { link: string }>(
    `SELECT link FROM dossiers WHERE conversation_id = ? AND expires_at > ?
     ORDER BY created_at DESC, code`,
  );
  const newest = ctx.db.prepare<[number, number], { link: string }>(
    "SELECT link FROM dossiers WHERE expires_at > ? ORDER BY created_at DESC, code LIMIT ?",
  );
  const remove = ctx.db.prepare<[string]>("DELETE FROM dossiers WHERE conversation_id = ?");

  return {
    link: (link: DossierLink) =>
      withoutSecret(link.accessToken, () =>
        settle(() => {
          const json = JSON.stringify(link);
          upsert.run(link.code, link.conversationId, link.createdAt, json, ctx.expiresAt());
        }),
      ),
    byCode: (code) => settle(() => parseDossierLink(byCode.get(code, ctx.now())?.link)),
    linksFor: (conversationId) =>
      settle(() =>
        present(byConversation.all(conversationId, ctx.now()).map((r) => parseDossierLink(r.link))),
      ),
    recent: (limit) =>
      settle(() =>
        present(newest.all(ctx.now(), Math.max(0, Math.floor(limit))).map((r) => parseDossierLink(r.link))),
      ),
    deleteConversation: (conversationId) => settle(() => void remove.run(conversationId)),
  };
}
