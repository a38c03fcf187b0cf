// SQLite handoff tickets and their transcripts. A partial unique index keeps at most one open
// ticket per conversation; transcripts are deleted with their ticket (foreign key cascade).
import { randomUUID } from "node:crypto";
import type { HandoffStore, HandoffTicket, TranscriptLine } from "../../core/ports.js";
import { parseTranscriptLine, present } from "../records.js";
import { settle, type SqliteContext } from "./database.js";

interface TicketRow {
  id: string;
  conversation_id: string;
  channel: string;
  reason: string;
  procedure: string | null;
  summary: string;
  status: "open" | "closed";
  created_at: number;
  closed_at: number | null;
}

function toTicket(row: TicketRow): HandoffTicket {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    channel: row.channel,
    reason: row.reason,
    procedure: row.procedure,
    summary: row.summary,
    status: row.status,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}

const COLUMNS = "id, conversation_id, channel, reason, procedure, summary, status, created_at, closed_at";

function prepare(ctx: SqliteContext) {
  const { db } = ctx;
  return {
    byId: db.prepare<[string, number], TicketRow>(
      `SELECT ${COLUMNS} FROM handoffs WHERE id = ? AND expires_at > ?`,
    ),
    openFor: db.prepare<[string, number], TicketRow>(
      `SELECT ${COLUMNS} FROM handoffs WHERE conversation_id = ? AND status = 'open' AND expires_at > ?`,
    ),
    listOpen: db.prepare<[number], TicketRow>(
      `SELECT ${COLUMNS} FROM handoffs WHERE status = 'open' AND expires_at > ? ORDER BY created_at, rowid`,
    ),
    dropExpired: db.prepare<[string, number]>(
      "DELETE FROM handoffs WHERE conversation_id = ? AND expires_at <= ?",
    ),
    insert: db.prepare<[TicketRow & { expires_at: number }]>(
      `INSERT INTO handoffs (${COLUMNS}, expires_at) VALUES (@id, @conversation_id, @channel, @reason,
       @procedure, @summary, @status, @created_at, @closed_at, @expires_at)`,
    ),
    close: db.prepare<[number, number, string, number]>(
      `UPDATE handoffs SET status = 'closed', closed_at = ?, expires_at = ?
       WHERE id = ? AND status = 'open' AND expires_at > ?`,
    ),
    refresh: db.prepare<[number, string, number]>(
      "UPDATE handoffs SET expires_at = ? WHERE id = ? AND expires_at > ?",
    ),
    appendLine: db.prepare<[string, string]>("INSERT INTO transcripts (ticket_id, line) VALUES (?, ?)"),
    lines: db.prepare<[string, number], { line: string }>(
      `SELECT t.line FROM transcripts t JOIN handoffs h ON h.id = t.ticket_id
       WHERE t.ticket_id = ? AND h.expires_at > ? ORDER BY t.seq`,
    ),
    removeConversation: db.prepare<[string]>("DELETE FROM handoffs WHERE conversation_id = ?"),
    closeOpenOf: db.prepare<[number, string, number]>(
      `UPDATE handoffs SET status = 'closed', closed_at = ?
       WHERE conversation_id = ? AND status = 'open' AND expires_at > ?`,
    ),
    moveLive: db.prepare<{ from: string; to: string; channel: string; expiresAt: number; now: number }>(
      `UPDATE handoffs SET conversation_id = @to, channel = @channel, expires_at = @expiresAt
       WHERE conversation_id = @from AND expires_at > @now`,
    ),
  };
}

/** Handoff tickets in SQLite; every write to a ticket (open, close, transcript) extends its expiry. */
export function createSqliteHandoffStore(ctx: SqliteContext): HandoffStore {
  const sql = prepare(ctx);
  const get = (id: string): HandoffTicket | null => {
    const row = sql.byId.get(id, ctx.now());
    return row ? toTicket(row) : null;
  };

  const open = ctx.db.transaction(
    (fields: Omit<HandoffTicket, "id" | "status" | "createdAt" | "closedAt">, now: number) => {
      const existing = sql.openFor.get(fields.conversationId, ctx.now());
      if (existing) return toTicket(existing);
      // An expired open ticket is absent for readers but would still hit the unique index.
      sql.dropExpired.run(fields.conversationId, ctx.now());
      const row: TicketRow = {
        id: randomUUID(),
        conversation_id: fields.conversationId,
        channel: fields.channel,
        reason: fields.reason,
        procedure: fields.procedure,
        summary: fields.summary,
        status: "open",
        created_at: now,
        closed_at: null,
      };
      sql.insert.run({ ...row, expires_at: ctx.expiresAt() });
      return toTicket(row);
    },
  );

  const append = ctx.db.transaction((ticketId: string, line: TranscriptLine) => {
    // Lines for unknown or expired tickets are dropped, so erasure by conversation stays complete.
    if (sql.refresh.run(ctx.expiresAt(), ticketId, ctx.now()).changes === 0) return;
    sql.appendLine.run(ticketId, JSON.stringify(line));
  });

  const move = ctx.db.transaction((from: string, to: string, channel: string, closedAt: number) => {
    if (from === to) return;
    const now = ctx.now();
    // Expired rows of `to` are absent for readers but would still hit the one-open-ticket index.
    sql.dropExpired.run(to, now);
    if (sql.openFor.get(to, now)) sql.closeOpenOf.run(closedAt, from, now);
    sql.moveLive.run({ from, to, channel, expiresAt: ctx.expiresAt(), now });
  });

  return {
    open: (ticket, now) => settle(() => open(ticket, now)),
    get: (id) => settle(() => get(id)),
    openFor: (conversationId) =>
      settle(() => {
        const row = sql.openFor.get(conversationId, ctx.now());
        return row ? toTicket(row) : null;
      }),
    listOpen: () => settle(() => sql.listOpen.all(ctx.now()).map(toTicket)),
    close: (id, now) =>
      settle(() => {
        sql.close.run(now, ctx.expiresAt(), id, ctx.now());
        return get(id);
      }),
    appendTranscript: (ticketId, line) => settle(() => append(ticketId, line)),
    transcript: (ticketId) =>
      settle(() => present(sql.lines.all(ticketId, ctx.now()).map((r) => parseTranscriptLine(r.line)))),
    deleteConversation: (conversationId) => settle(() => void sql.removeConversation.run(conversationId)),
    moveConversation: (from, to, channel, now) => settle(() => move(from, to, channel, now)),
  };
}
