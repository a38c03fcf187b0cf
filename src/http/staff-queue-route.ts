// The console's view of the handoff queue (behind staffAuth): waiting conversations with only what
// an officer needs (short ticket id, channel, procedure, waiting since, a masked summary) — never the
// conversation id, which on Telegram or Zalo is the citizen's account — and one ticket's transcript.
import { Hono } from "hono";
import { redactPersonalData } from "../core/llm/index.js";
import type { HandoffStore, HandoffTicket } from "../core/ports.js";
import type { StaffEnv } from "./staff-auth.js";
import type { ProcedureNames } from "./staff-stats.js";

export interface StaffQueueDeps {
  readonly handoffs: Pick<HandoffStore, "listOpen" | "get" | "transcript">;
  readonly procedureName: ProcedureNames;
}

/** The ticket as the console shows it. */
export function ticketView(t: HandoffTicket, names: ProcedureNames) {
  return {
    id: t.id,
    shortId: t.id.replace(/-/g, "").slice(0, 8).toUpperCase(),
    channel: t.channel,
    reason: t.reason,
    procedure: t.procedure,
    procedureName: t.procedure ? (names(t.procedure) ?? t.procedure) : null,
    waitingSince: t.createdAt,
    status: t.status,
    summary: redactPersonalData(t.summary),
  };
}

/** Mounts /api/staff/queue and /api/staff/queue/:id; the caller puts staffAuth in front. */
export function staffQueueRoute(deps: StaffQueueDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  app.get("/api/staff/queue", async (c) => {
    const open = await deps.handoffs.listOpen();
    return c.json({ tickets: open.map((t) => ticketView(t, deps.procedureName)) });
  });
  app.get("/api/staff/queue/:id", async (c) => {
    const ticket = await deps.handoffs.get(c.req.param("id"));
    if (!ticket) return c.json({ error: "Không tìm thấy yêu cầu gặp cán bộ này (có thể đã đóng)." }, 404);
    const transcript = await deps.handoffs.transcript(ticket.id);
    return c.json({ ticket: ticketView(ticket, deps.procedureName), transcript });
  });
  return app;
}
