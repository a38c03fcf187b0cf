// SQLite staff console sessions, keyed by the sha256 of the session id; a session is read only
// before its expiry and swept afterwards.
import type { StaffSessionStore } from "../../core/ports.js";
import { parseStaffSession } from "../staff-records.js";
import { settle, type SqliteContext } from "./database.js";

/** Staff sessions in SQLite (shared by processes using the same file). */
export function createSqliteStaffSessionStore(ctx: SqliteContext): StaffSessionStore {
  const upsert = ctx.db.prepare<[string, string, number]>(
    "INSERT OR REPLACE INTO staff_sessions (id_hash, session, expires_at) VALUES (?, ?, ?)",
  );
  const read = ctx.db.prepare<[string, number], { session: string }>(
    "SELECT session FROM staff_sessions WHERE id_hash = ? AND expires_at > ?",
  );
  const remove = ctx.db.prepare<[string]>("DELETE FROM staff_sessions WHERE id_hash = ?");
  return {
    create: (idHash, session) =>
      settle(() => void upsert.run(idHash, JSON.stringify(session), session.expiresAt)),
    get: (idHash) =>
      settle(() => {
        const session = parseStaffSession(read.get(idHash, ctx.now())?.session);
        return session && session.expiresAt > ctx.now() ? session : null;
      }),
    delete: (idHash) => settle(() => void remove.run(idHash)),
  };
}
