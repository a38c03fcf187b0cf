// `npx tsx scripts/eval-checklist.ts --file <jsonl> [--json]`: for each scenario, the required papers
// recognised as present, the ones still missing, and mentioned papers the procedure does not need.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { loadConfig } from "../src/config/index.js";
import { loadKnowledgeOrThrow } from "../src/knowledge/index.js";
import { checklistEvaluator, type ChecklistOutcome } from "./lib/checklist-eval.js";
import { run } from "./lib/setup.js";

const { values } = parseArgs({
  options: { file: { type: "string" }, json: { type: "boolean", default: false } },
});

const scenarioSchema = z.object({
  id: z.string(),
  procedure: z.string(),
  message: z.string(),
  /** Gold papers the user has (optional): used to score recognition when present. */
  has: z.array(z.string()).optional(),
});
type Scenario = z.infer<typeof scenarioSchema>;

function readScenarios(file: string): Scenario[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line.length > 0)
    .map(([line, n]) => {
      const parsed = scenarioSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${n}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      return parsed.data;
    });
}

/** Recognised = present ∪ extra (everything the user was understood to hold), compared with `has`. */
function score(rows: ReadonlyArray<{ s: Scenario; o: ChecklistOutcome }>) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let exact = 0;
  let gold = 0;
  for (const { s, o } of rows) {
    if (!s.has) continue;
    gold++;
    const want = new Set(s.has.map((h) => h.toLowerCase()));
    const got = new Set([...o.present, ...o.extra].map((h) => h.toLowerCase()));
    const hit = [...got].filter((g) => want.has(g)).length;
    tp += hit;
    fp += got.size - hit;
    fn += want.size - hit;
    if (hit === want.size && got.size === want.size) exact++;
  }
  const r3 = (x: number): number => Number(x.toFixed(3));
  return {
    scenarios_with_gold: gold,
    precision: r3(tp / Math.max(1, tp + fp)),
    recall: r3(tp / Math.max(1, tp + fn)),
    exact: r3(exact / Math.max(1, gold)),
  };
}

run(async () => {
  if (!values.file) throw new Error("usage: eval-checklist.ts --file <jsonl> [--json]");
  const scenarios = readScenarios(values.file);
  const kb = loadKnowledgeOrThrow(loadConfig().knowledgeDir);
  const evaluate = checklistEvaluator(kb);
  const rows = scenarios.map((s) => ({ s, o: evaluate(s.procedure, s.message) }));
  if (values.json) {
    // Exactly the agreed shape; conditional papers and the score are in the text output.
    const out = rows.map(({ s, o }) => ({
      id: s.id,
      present: o.present,
      missing: o.missing,
      extra: o.extra,
    }));
    console.log(JSON.stringify({ scenarios: out }));
    return;
  }
  for (const { s, o } of rows) {
    console.log(`${s.id} · ${s.procedure}`);
    console.log(`  có rồi (present):       ${o.present.join("; ") || "—"}`);
    console.log(`  còn thiếu (missing):    ${o.missing.join("; ") || "—"}`);
    if (o.conditional.length) console.log(`  tùy trường hợp:         ${o.conditional.join("; ")}`);
    console.log(`  không cần (extra):      ${o.extra.join("; ") || "—"}`);
  }
  const sum = score(rows);
  if (sum.scenarios_with_gold > 0)
    console.log(
      `\nrecognition vs "has" over ${sum.scenarios_with_gold}: precision ${sum.precision}, recall ${sum.recall}, exact ${sum.exact}`,
    );
  await Promise.resolve();
});
