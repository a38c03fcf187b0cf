// `npx tsx scripts/bench-retrieval.ts`: index build time, query latency p50/p99 and process RSS,
// with the real KB and with a synthetic KB of 5,000 procedures generated from it. Prints a table.
import { parseArgs } from "node:util";
import type { KnowledgeBase } from "../src/core/knowledge/index.js";
import { foldKey } from "../src/core/nlu/index.js";
import { loadKnowledgeOrThrow } from "../src/knowledge/index.js";
import { buildIndexes, retrieverFromIndexes } from "../src/retrieval/index.js";
import { loadConfig } from "../src/config/index.js";
import { percentile } from "./lib/retrieval-metrics.js";
import { prng, syntheticKb } from "./lib/synthetic-kb.js";
import { run } from "./lib/setup.js";

const { values } = parseArgs({
  options: { size: { type: "string", default: "5000" }, queries: { type: "string", default: "2000" } },
});

const FILLERS = [
  "cho em hỏi",
  "cần giấy tờ gì",
  "làm ở đâu ạ",
  "mất bao lâu",
  "lệ phí bao nhiêu",
  "có làm online được không",
  "",
];

/** Realistic queries: aliases and situations, half unaccented, with chat filler words. */
function queries(kb: KnowledgeBase, n: number): string[] {
  const rand = prng(42);
  const pool = kb.procedures.flatMap((p) => [...p.aliases, ...p.situations]);
  return Array.from({ length: n }, () => {
    const base = pool[Math.floor(rand() * pool.length)] ?? "khai sinh";
    const filler = FILLERS[Math.floor(rand() * FILLERS.length)] ?? "";
    const q = `${base} ${filler}`.trim();
    return rand() < 0.5 ? foldKey(q) : q;
  });
}

async function measure(label: string, kb: KnowledgeBase, n: number): Promise<string[]> {
  const t0 = performance.now();
  const indexes = await buildIndexes(kb);
  const buildMs = performance.now() - t0;
  const retriever = retrieverFromIndexes(kb, indexes);
  const qs = queries(kb, n);
  for (const q of qs.slice(0, 200)) await retriever.search(q); // warm-up
  const times: number[] = [];
  for (const q of qs) {
    const s = performance.now();
    await retriever.search(q);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  return [
    label,
    String(kb.procedures.length),
    String(indexes.local.index.passageDoc.length),
    buildMs.toFixed(0),
    percentile(times, 50).toFixed(3),
    percentile(times, 99).toFixed(3),
    rssMb.toFixed(0),
  ];
}

run(async () => {
  const config = loadConfig();
  const real = loadKnowledgeOrThrow(config.knowledgeDir);
  const n = Number(values.queries);
  const rows = [["KB", "procedures", "passages", "build ms", "p50 ms", "p99 ms", "RSS MB"]];
  rows.push(await measure("real", real, n));
  rows.push(await measure("synthetic", syntheticKb(real, Number(values.size)), n));
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i] ?? 0)).join("  "));
  console.log(
    `\n(${n} queries per KB, sequential, single process; Node ${process.version}, ${process.arch})`,
  );
});
