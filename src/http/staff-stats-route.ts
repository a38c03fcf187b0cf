// Staff statistics endpoints (behind staffAuth): unanswered questions by procedure, the procedures
// asked most over the last days, and the question log as a CSV download.
import { Hono, type Context } from "hono";
import type { QuestionLog } from "../core/ports.js";
import type { StaffEnv } from "./staff-auth.js";
import { questionsCsv } from "./staff-csv.js";
import { topProcedures, unansweredGroups, type ProcedureNames } from "./staff-stats.js";

export interface StaffStatsDeps {
  readonly questions: Pick<QuestionLog, "since">;
  readonly procedureName: ProcedureNames;
  readonly now: () => number;
}

/** Most events read for one answer (the export of 90 busy days stays bounded). */
export const MAX_EVENTS = 50_000;
const DAY_MS = 86_400_000;

/** The `days` query parameter: a whole number 1–90, `fallback` when absent; null when invalid. */
function days(c: Context, fallback: number): number | null {
  const raw = c.req.query("days");
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 90 ? n : null;
}

const BAD_DAYS = { error: "Tham số days phải là số ngày nguyên từ 1 đến 90." };

/** Mounts /api/staff/stats/*; the caller puts staffAuth in front. */
export function staffStatsRoute(deps: StaffStatsDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const since = (n: number) => deps.questions.since(deps.now() - n * DAY_MS, MAX_EVENTS);

  app.get("/api/staff/stats/unanswered", async (c) => {
    const n = days(c, 30);
    if (n === null) return c.json(BAD_DAYS, 400);
    const groups = unansweredGroups(await since(n), deps.procedureName);
    return c.json({ days: n, total: groups.reduce((sum, g) => sum + g.count, 0), groups });
  });

  app.get("/api/staff/stats/top", async (c) => {
    const n = days(c, 7);
    if (n === null) return c.json(BAD_DAYS, 400);
    return c.json({ days: n, procedures: topProcedures(await since(n), deps.procedureName) });
  });

  app.get("/api/staff/stats/export.csv", async (c) => {
    const n = days(c, 90);
    if (n === null) return c.json(BAD_DAYS, 400);
    const csv = questionsCsv(await since(n), deps.procedureName);
    const day = new Date(deps.now()).toISOString().slice(0, 10);
    return c.body(csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="cau-hoi-${day}.csv"`,
    });
  });
  return app;
}
