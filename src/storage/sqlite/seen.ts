// SQLite seen-log: keys claimed recently (webhook update ids, bubbles already sent). One INSERT
// claims a key; an expired row is taken over in the same statement, so no sweep is needed first.
import type { SeenLog } from "../../core/ports.js";
import { settle, type SqliteContext } from "./database.js";

/** The seen-log in SQLite; the sweep deletes expired keys. */
export function createSqliteSeenLog(ctx: SqliteContext): SeenLog {
  const claim = ctx.db.prepare<{ key: string; expiresAt: number; now: number }>(
    `INSERT INTO seen (key, expires_at) VALUES (@key, @expiresAt)
     ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen.expires_at <= @now`,
  );
  const remove = ctx.db.prepare<[string]>("DELETE FROM seen WHERE key = ?");
  const live = ctx.db.prepare<[string, number], { n: number }>(
    "SELECT 1 AS n FROM seen WHERE key = ? AND expires_at > ?",
  );
  return {
    firstTime: (key, ttlSeconds) =>
      settle(() => {
        const now = ctx.now();
        return claim.run({ key, expiresAt: now + Math.max(1, ttlSeconds) * 1000, now }).changes === 1;
      }),
    has: (key) => settle(() => live.get(key, ctx.now()) !== undefined),
    forget: (key) => settle(() => void remove.run(key)),
  };
}
