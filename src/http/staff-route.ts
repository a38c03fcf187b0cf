// Staff side of the HTTP app: the console page and its sign-in (/staff…), and the staff API
// (/api/staff/…: handoff tickets, replies, release, queue view, statistics). Every API route sits
// behind `staffAuth` (Bearer STAFF_API_TOKEN, or a console session + CSRF token on POST).
import { Hono } from "hono";
import { z } from "zod";
import type { HandoffStore, QuestionLog } from "../core/ports.js";
import { staffAuth, staffEnabled, type StaffAuthDeps, type StaffEnv } from "./staff-auth.js";
import { staffConsoleRoute } from "./staff-console-route.js";
import { API_CSP, CONSOLE_CSP, securityHeaders } from "./staff-headers.js";
import { staffLoginRoute, type StaffLoginDeps } from "./staff-login-route.js";
import { staffQueueRoute } from "./staff-queue-route.js";
import { createMemoryRateLimiter, type LoginRateLimiter } from "./staff-rate-limit.js";
import type { ProcedureNames } from "./staff-stats.js";
import { staffStatsRoute } from "./staff-stats-route.js";
import { staffAnswersRoute, type StaffAnswersDeps } from "./staff-answers-route.js";

export { staffAuth, type StaffAuthDeps, type StaffEnv, type StaffIdentity } from "./staff-auth.js";

export interface StaffRouteDeps extends StaffAuthDeps {
  readonly handoffs: Pick<HandoffStore, "listOpen" | "get" | "transcript">;
  staffReply(ticketId: string, text: string): Promise<boolean>;
  release(ticketId: string): Promise<boolean>;
  /** The question log behind the statistics. */
  readonly questions: Pick<QuestionLog, "since">;
  readonly procedureName: ProcedureNames;
  /** Failed-login counter (default: in memory, 5 failures per 15 minutes). */
  readonly limiter?: LoginRateLimiter;
  /** Told about sign-ins (never with a username or address). */
  readonly onEvent?: StaffLoginDeps["onEvent"];
  /** Approved answers (/api/staff/answers); absent = not mounted. */
  readonly answers?: StaffAnswersDeps;
}

const replySchema = z.object(
  {
    text: z
      .string({ error: "Thiếu nội dung trả lời (text)." })
      .trim()
      .min(1, { error: "Nội dung trả lời trống." })
      .max(4000, { error: "Nội dung trả lời dài quá 4.000 ký tự." }),
  },
  { error: 'Yêu cầu phải là một đối tượng JSON dạng {"text": "…"}.' },
);

const NOT_FOUND = { error: "Không tìm thấy yêu cầu gặp cán bộ này (có thể đã đóng)." };

/** The handoff endpoints: open tickets, one ticket with its transcript, reply, release. */
function handoffRoutes(deps: StaffRouteDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  app.get("/api/staff/handoffs", async (c) => c.json({ tickets: await deps.handoffs.listOpen() }));
  app.get("/api/staff/handoffs/:id", async (c) => {
    const ticket = await deps.handoffs.get(c.req.param("id"));
    if (!ticket) return c.json(NOT_FOUND, 404);
    return c.json({ ticket, transcript: await deps.handoffs.transcript(ticket.id) });
  });
  app.post("/api/staff/handoffs/:id/reply", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: "Nội dung gửi lên không đúng định dạng JSON." }, 400);
    }
    const parsed = replySchema.safeParse(body);
    if (!parsed.success)
      return c.json({ error: parsed.error.issues[0]?.message ?? "Yêu cầu không hợp lệ." }, 400);
    const ok = await deps.staffReply(c.req.param("id"), parsed.data.text);
    return ok ? c.json({ delivered: true }) : c.json(NOT_FOUND, 404);
  });
  app.post("/api/staff/handoffs/:id/release", async (c) => {
    const ok = await deps.release(c.req.param("id"));
    return ok ? c.json({ released: true }) : c.json(NOT_FOUND, 404);
  });
  return app;
}

/** Mounts the console and the staff API; with neither accounts nor a token every part answers 404. */
export function staffRoute(deps: StaffRouteDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const limiter = deps.limiter ?? createMemoryRateLimiter();
  app.use("/staff", securityHeaders(CONSOLE_CSP));
  app.use("/staff/*", securityHeaders(CONSOLE_CSP));
  app.use("/api/staff/*", securityHeaders(API_CSP));
  app.route("/", staffConsoleRoute(staffEnabled(deps)));
  app.route("/", staffLoginRoute({ ...deps, limiter }));
  // Every route mounted below is protected; other engineers' staff routes go below too.
  app.use("/api/staff/*", staffAuth(deps));
  app.route("/", handoffRoutes(deps));
  app.route("/", staffQueueRoute(deps));
  app.route("/", staffStatsRoute(deps));
  if (deps.answers) app.route("/", staffAnswersRoute(deps.answers));
  return app;
}
