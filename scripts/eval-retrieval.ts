// `npx tsx scripts/eval-retrieval.ts --file <jsonl> [--json]`: our retriever vs a plain BM25 baseline
// (MiniSearch): recall@1/@3, MRR, out-of-scope rejection, false rejection, latency, per style.
import { parseArgs } from "node:util";
import { createBaseline } from "./lib/bm25-baseline.js";
import {
  byStyle,
  computeMetrics,
  readEvalFile,
  runSystem,
  type Metrics,
  type Outcome,
} from "./lib/retrieval-metrics.js";
import { run, setUpScript } from "./lib/setup.js";

const { values } = parseArgs({
  options: {
    file: { type: "string" },
    json: { type: "boolean", default: false },
    misses: { type: "boolean", default: false },
  },
});

function row(label: string, m: Metrics): string {
  const cells = [
    m.n,
    m.recall_at_1,
    m.recall_at_3,
    m.mrr,
    m.oos_rejection,
    m.false_rejection,
    m.p50_ms,
    m.p99_ms,
  ];
  return `${label.padEnd(22)}${cells.map((c) => String(c).padStart(10)).join("")}`;
}

function printMisses(outcomes: readonly Outcome[]): void {
  for (const o of outcomes) {
    const got = o.answer.rejected ? "∅" : o.answer.slugs.join(",");
    if (o.line.expected === null ? !o.answer.rejected : o.answer.slugs[0] !== o.line.expected) {
      console.log(
        `  ${o.line.id} [${o.line.style ?? "-"}] expected=${o.line.expected ?? "∅"} got=${got} :: ${o.line.query}`,
      );
    }
  }
}

run(async () => {
  if (!values.file) throw new Error("usage: eval-retrieval.ts --file <jsonl> [--json]");
  const lines = readEvalFile(values.file);
  const { kb, retriever } = await setUpScript();
  const baselineSearch = createBaseline(kb);
  const ours = await runSystem(lines, async (q) => {
    const r = await retriever.search(q);
    return { rejected: r.decision === "none", slugs: r.candidates.map((c) => c.slug) };
  });
  const baseline = await runSystem(lines, baselineSearch);
  if (values.json) {
    console.log(JSON.stringify({ ours: computeMetrics(ours), baseline: computeMetrics(baseline) }));
    return;
  }
  const header = ["n", "R@1", "R@3", "MRR", "OOS-rej", "false-rej", "p50 ms", "p99 ms"];
  console.log(`${"".padEnd(22)}${header.map((h) => h.padStart(10)).join("")}`);
  console.log(row("ours", computeMetrics(ours)));
  console.log(row("baseline (minisearch)", computeMetrics(baseline)));
  const oursBy = byStyle(ours);
  const baseBy = byStyle(baseline);
  console.log("\nPer style (ours | baseline):");
  for (const [style, outs] of [...oursBy.entries()].sort()) {
    console.log(row(`  ${style} · ours`, computeMetrics(outs)));
    console.log(row(`  ${style} · base`, computeMetrics(baseBy.get(style) ?? [])));
  }
  if (values.misses) {
    console.log("\nMisses (ours):");
    printMisses(ours);
  }
});
