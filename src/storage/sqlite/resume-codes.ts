// SQLite resume codes ("tiếp tục ABC234"): one live code per conversation, taken exactly once by a
// DELETE … RETURNING, and a per-conversation count of wrong codes in a fixed window. Rows expire.
import type { ResumeCodeStore } from "../../core/ports.js";
import { settle, type SqliteContext } from "./database.js";

/** Resume codes and wrong-code counts in SQLite; the sweep deletes expired rows. */
export function createSqliteResumeCodeStore(ctx: SqliteContext): ResumeCodeStore {
  const { db } = ctx;
  const dropExpired = db.prepare<[string, number]>(
    "DELETE FROM resume_codes WHERE code = ? AND expires_at <= ?",
  );
  const insert = db.prepare<[string, string, number]>(
    "INSERT OR IGNORE INTO resume_codes (code, conversation_id, expires_at) VALUES (?, ?, ?)",
  );
  const dropOthers = db.prepare<[string, string]>(
    "DELETE FROM resume_codes WHERE conversation_id = ? AND code <> ?",
  );
  const take = db.prepare<[string, number], { conversation_id: string }>(
    "DELETE FROM resume_codes WHERE code = ? AND expires_at > ? RETURNING conversation_id",
  );
  const fail = db.prepare<{ id: string; now: number; until: number }, { count: number }>(
    `INSERT INTO resume_failures (conversation_id, count, expires_at) VALUES (@id, 1, @until)
     ON CONFLICT (conversation_id) DO UPDATE SET
       count = CASE WHEN expires_at <= @now THEN 1 ELSE count + 1 END,
       expires_at = CASE WHEN expires_at <= @now THEN @until ELSE expires_at END
     RETURNING count`,
  );
  const failures = db.prepare<[string, number], { count: number }>(
    "SELECT count FROM resume_failures WHERE conversation_id = ? AND expires_at > ?",
  );
  const removeCodes = db.prepare<[string]>("DELETE FROM resume_codes WHERE conversation_id = ?");
  const removeFailures = db.prepare<[string]>("DELETE FROM resume_failures WHERE conversation_id = ?");

  const issue = db.transaction((code: string, conversationId: string, ttlSeconds: number): boolean => {
    const now = ctx.now();
    dropExpired.run(code, now);
    const expiresAt = now + Math.max(1, ttlSeconds) * 1000;
    if (insert.run(code, conversationId, expiresAt).changes === 0) return false;
    dropOthers.run(conversationId, code);
    return true;
  });
  const erase = db.transaction((conversationId: string) => {
    removeCodes.run(conversationId);
    removeFailures.run(conversationId);
  });

  return {
    issue: (code, conversationId, ttlSeconds) => settle(() => issue(code, conversationId, ttlSeconds)),
    take: (code) => settle(() => take.get(code, ctx.now())?.conversation_id ?? null),
    recordFailure: (conversationId, windowSeconds) =>
      settle(() => {
        const now = ctx.now();
        const until = now + Math.max(1, windowSeconds) * 1000;
        return fail.get({ id: conversationId, now, until })?.count ?? 1;
      }),
    failures: (conversationId) => settle(() => failures.get(conversationId, ctx.now())?.count ?? 0),
    deleteConversation: (conversationId) => settle(() => erase(conversationId)),
  };
}
