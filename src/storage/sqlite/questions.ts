// SQLite question log (staff statistics): one row per question, newest read first; rows expire
// after the retention and are swept with the other expired rows.
import type { QuestionLog } from "../../core/ports.js";
import { parseQuestionEvent, questionEventJson } from "../staff-records.js";
import { present } from "../records.js";
import { settle, type SqliteContext } from "./database.js";

/** The question log in SQLite; `retentionSeconds` bounds how long an event is kept. */
export function createSqliteQuestionLog(ctx: SqliteContext, retentionSeconds: number): QuestionLog {
  const insert = ctx.db.prepare<{ id: string; conv: string; at: number; event: string; expires: number }>(
    `INSERT OR REPLACE INTO question_log (id, conversation_id, at, event, expires_at)
     VALUES (@id, @conv, @at, @event, @expires)`,
  );
  const since = ctx.db.prepare<[number, number, number], { event: string }>(
    `SELECT event FROM question_log WHERE at >= ? AND expires_at > ? ORDER BY at DESC, rowid DESC LIMIT ?`,
  );
  const remove = ctx.db.prepare<[string]>("DELETE FROM question_log WHERE conversation_id = ?");
  return {
    record: (conversationId, event) =>
      settle(() => {
        const expires = ctx.now() + retentionSeconds * 1000;
        insert.run({
          id: event.id,
          conv: conversationId,
          at: event.at,
          event: questionEventJson(event),
          expires,
        });
      }),
    since: (from, limit) =>
      settle(() =>
        present(since.all(from, ctx.now(), Math.max(0, limit)).map((r) => parseQuestionEvent(r.event))),
      ),
    deleteConversation: (conversationId) => settle(() => void remove.run(conversationId)),
  };
}
