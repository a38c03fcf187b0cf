// Retrieval evaluation: reads JSONL lines, runs a search function over them and computes recall@k,
// MRR, out-of-scope rejection, false rejection and latency percentiles, overall and per style.
import { readFileSync } from "node:fs";
import { z } from "zod";

export const evalLineSchema = z.looseObject({
  id: z.string().default(""),
  query: z.string(),
  expected: z.string().nullable(),
  style: z.string().optional(),
});
export type EvalLine = z.infer<typeof evalLineSchema>;

/** What a system returns for one query: ranked slugs, empty when it says "not found". */
export interface SystemAnswer {
  readonly rejected: boolean;
  readonly slugs: readonly string[];
}

export interface Metrics {
  n: number;
  recall_at_1: number;
  recall_at_3: number;
  mrr: number;
  oos_rejection: number;
  false_rejection: number;
  p50_ms: number;
  p99_ms: number;
}

export interface Outcome {
  readonly line: EvalLine;
  readonly answer: SystemAnswer;
  readonly ms: number;
}

/** Parses a JSONL evaluation file; a malformed line stops with its line number. */
export function readEvalFile(path: string): EvalLine[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((l, i) => ({ l: l.trim(), i }))
    .filter(({ l }) => l.length > 0)
    .map(({ l, i }) => {
      const parsed = evalLineSchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${z.prettifyError(parsed.error)}`);
      return { ...parsed.data, id: parsed.data.id || `line-${i + 1}` };
    });
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)] ?? 0;
}

const round = (x: number, d = 3): number => Number(x.toFixed(d));

/** Aggregates outcomes into the metrics the issue defines (a rejected in-scope query is a miss). */
export function computeMetrics(outcomes: readonly Outcome[]): Metrics {
  const inScope = outcomes.filter((o) => o.line.expected !== null);
  const oos = outcomes.filter((o) => o.line.expected === null);
  const rank = (o: Outcome): number =>
    o.answer.rejected ? 0 : o.answer.slugs.indexOf(o.line.expected ?? "") + 1;
  const share = (xs: readonly Outcome[], f: (o: Outcome) => boolean): number =>
    xs.length === 0 ? 0 : xs.filter(f).length / xs.length;
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  return {
    n: outcomes.length,
    recall_at_1: round(share(inScope, (o) => rank(o) === 1)),
    recall_at_3: round(share(inScope, (o) => rank(o) >= 1 && rank(o) <= 3)),
    mrr: round(
      inScope.length === 0
        ? 0
        : inScope.reduce((s, o) => s + (rank(o) > 0 ? 1 / rank(o) : 0), 0) / inScope.length,
    ),
    oos_rejection: round(share(oos, (o) => o.answer.rejected)),
    false_rejection: round(share(inScope, (o) => o.answer.rejected)),
    p50_ms: round(percentile(ms, 50), 3),
    p99_ms: round(percentile(ms, 99), 3),
  };
}

/** Runs `search` over every line (sequentially, timing each call). */
export async function runSystem(
  lines: readonly EvalLine[],
  search: (q: string) => Promise<SystemAnswer> | SystemAnswer,
): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const line of lines) {
    const t0 = performance.now();
    const answer = await search(line.query);
    out.push({ line, answer, ms: performance.now() - t0 });
  }
  return out;
}

/** Groups outcomes by their `style` field ("-" when absent). */
export function byStyle(outcomes: readonly Outcome[]): Map<string, Outcome[]> {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const key = o.line.style ?? "-";
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return groups;
}
