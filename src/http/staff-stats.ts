// Statistics for the staff console over question-log events (newest first): unanswered questions
// grouped by procedure, and the procedures asked most. Pure functions; the route reads the events.
import type { QuestionEvent, QuestionOutcome } from "../core/ports.js";

/** Vietnamese label of each outcome (console and CSV). */
export const OUTCOME_LABELS: Readonly<Record<QuestionOutcome, string>> = {
  answered: "Đã trả lời",
  "offered-choices": "Đưa ra lựa chọn",
  "not-understood": "Chưa hiểu câu hỏi",
  "handed-off": "Chuyển cán bộ",
  "low-confidence": "Trả lời nhưng chưa chắc chắn",
};

/** Name shown for questions not tied to a procedure. */
export const NO_PROCEDURE = "Chưa xác định thủ tục";

/** Looks up a procedure's display name (null when the slug is no longer in the knowledge base). */
export type ProcedureNames = (slug: string) => string | null;

const UNANSWERED = new Set<QuestionOutcome>(["not-understood", "low-confidence"]);

/** A question as the console shows it (no id). */
export interface QuestionView {
  readonly at: number;
  readonly channel: string;
  readonly outcome: QuestionOutcome;
  readonly confidence: number | null;
  readonly question: string | null;
}

export interface UnansweredGroup {
  readonly procedure: string | null;
  readonly name: string;
  readonly count: number;
  readonly latestAt: number;
  /** Newest first, at most `perGroup`. */
  readonly questions: QuestionView[];
}

const nameFor = (slug: string | null, names: ProcedureNames): string =>
  slug === null ? NO_PROCEDURE : (names(slug) ?? slug);

/** Not-understood and low-confidence questions by procedure; groups with the newest question first. */
export function unansweredGroups(
  events: readonly QuestionEvent[],
  names: ProcedureNames,
  perGroup = 20,
): UnansweredGroup[] {
  const groups = new Map<string | null, { count: number; latestAt: number; questions: QuestionView[] }>();
  for (const e of events) {
    if (!UNANSWERED.has(e.outcome)) continue;
    const g = groups.get(e.procedure) ?? { count: 0, latestAt: e.at, questions: [] };
    g.count += 1;
    g.latestAt = Math.max(g.latestAt, e.at);
    const { at, channel, outcome, confidence, question } = e;
    if (g.questions.length < perGroup) g.questions.push({ at, channel, outcome, confidence, question });
    groups.set(e.procedure, g);
  }
  return [...groups.entries()]
    .map(([procedure, g]) => ({ procedure, name: nameFor(procedure, names), ...g }))
    .sort((a, b) => b.latestAt - a.latestAt);
}

/** The procedures asked about most (events naming a procedure), most asked first. */
export function topProcedures(
  events: readonly QuestionEvent[],
  names: ProcedureNames,
  limit = 10,
): { procedure: string; name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of events) if (e.procedure) counts.set(e.procedure, (counts.get(e.procedure) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([procedure, count]) => ({ procedure, name: nameFor(procedure, names), count }));
}
