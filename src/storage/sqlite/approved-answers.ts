// SQLite approved answers: the answer as JSON keyed by id, expiring at its own `expiresAt` (not the
// conversation ttl). Reads skip expired rows; the backend's sweep deletes them. The list is read on
// every citizen question, so it is kept in memory until this store or another process writes the file.
import type { ApprovedAnswer, ApprovedAnswerStore } from "../../core/ports.js";
import { newestApprovalFirst, parseApprovedAnswer } from "../approved-records.js";
import { settle, type SqliteContext } from "./database.js";

/** Approved answers in SQLite (shared by processes using the same file). */
export function createSqliteApprovedAnswerStore(ctx: SqliteContext): ApprovedAnswerStore {
  const upsert = ctx.db.prepare<[string, number, string, number]>(
    "INSERT OR REPLACE INTO approved_answers (id, approved_at, answer, expires_at) VALUES (?, ?, ?, ?)",
  );
  const read = ctx.db.prepare<[string, number], { answer: string }>(
    "SELECT answer FROM approved_answers WHERE id = ? AND expires_at > ?",
  );
  const valid = ctx.db.prepare<[number], { answer: string }>(
    "SELECT answer FROM approved_answers WHERE expires_at > ?",
  );
  const remove = ctx.db.prepare<[string, number]>(
    "DELETE FROM approved_answers WHERE id = ? AND expires_at > ?",
  );
  const drop = ctx.db.prepare<[string]>("DELETE FROM approved_answers WHERE id = ?");
  // Changes whenever another connection commits to the file; our own writes clear the cache themselves.
  const dataVersion = ctx.db.prepare<[], number>("PRAGMA data_version").pluck();
  const live = (a: ApprovedAnswer | null): ApprovedAnswer | null => (a && a.expiresAt > ctx.now() ? a : null);
  let cache: { version: number; answers: ApprovedAnswer[] } | null = null;
  const load = (): ApprovedAnswer[] =>
    valid
      .all(ctx.now())
      .map((r) => live(parseApprovedAnswer(r.answer)))
      .filter((a): a is ApprovedAnswer => a !== null)
      .sort(newestApprovalFirst);

  return {
    put: (answer) =>
      settle(() => {
        cache = null;
        if (answer.expiresAt <= ctx.now()) return void drop.run(answer.id);
        upsert.run(answer.id, answer.approvedAt, JSON.stringify(answer), answer.expiresAt);
      }),
    get: (id) => settle(() => live(parseApprovedAnswer(read.get(id, ctx.now())?.answer))),
    list: () =>
      settle(() => {
        const version = dataVersion.get() ?? -1;
        if (cache?.version !== version) cache = { version, answers: load() };
        const now = ctx.now();
        return cache.answers.filter((a) => a.expiresAt > now);
      }),
    delete: (id) =>
      settle(() => {
        cache = null;
        return remove.run(id, ctx.now()).changes > 0;
      }),
  };
}
