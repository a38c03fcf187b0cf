// `npx tsx scripts/bench-retrieval.ts`: index build time, query latency p50/p99 and process RSS,
// with the real KB and with a synthetic KB of 5,000 procedures generated from it. Prints a table.
// Builds are timed several times (median and range) because shared machines are noisy.
import { availableParallelism } from "node:os";
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
  options: {
    size: { type: "string", default: "5000" },
    queries: { type: "string", default: "2000" },
    builds: { type: "string", default: "3" },
  },
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

async function timedBuilds(
  kb: KnowledgeBase,
  builds: number,
): Promise<{ indexes: Awaited<ReturnType<typeof buildIndexes>>; times: number[] }> {
  let indexes = await buildIndexes(kb); // warm-up (module compilation, caches)
  const times: number[] = [];
  for (let i = 0; i < builds; i++) {
    const t0 = performance.now();
    indexes = await buildIndexes(kb);
    times.push(performance.now() - t0);
  }
  return { indexes, times: times.sort((a, b) => a - b) };
}

async function measure(label: string, kb: KnowledgeBase, n: number, builds: number): Promise<string[]> {
  const { indexes, times } = await timedBuilds(kb, builds);
  const retriever = retrieverFromIndexes(kb, indexes);
  const qs = queries(kb, n);
  for (const q of qs.slice(0, 200)) await retriever.search(q); // warm-up
  const latencies: number[] = [];
  for (const q of qs) {
    const s = performance.now();
    await retriever.search(q);
    latencies.push(performance.now() - s);
  }
  latencies.sort((a, b) => a - b);
  return [
    label,
    String(kb.procedures.length),
    String(indexes.local.index.passageDoc.length),
    percentile(times, 50).toFixed(0),
    `${(times[0] ?? 0).toFixed(0)}–${(times[times.length - 1] ?? 0).toFixed(0)}`,
    percentile(latencies, 50).toFixed(3),
    percentile(latencies, 99).toFixed(3),
    (process.memoryUsage().rss / 1024 / 1024).toFixed(0),
  ];
}

run(async () => {
  const config = loadConfig();
  const real = loadKnowledgeOrThrow(config.knowledgeDir);
  const n = Number(values.queries);
  const builds = Number(values.builds);
  const rows = [
    [
      "KB",
      "procedures",
      "passages",
      "build ms (median)",
      "build range",
      "query p50 ms",
      "query p99 ms",
      "RSS MB",
    ],
  ];
  rows.push(await measure("real", real, n, builds));
  rows.push(await measure("synthetic", syntheticKb(real, Number(values.size)), n, builds));
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i] ?? 0)).join("  "));
  console.log(
    `\n(${builds} timed builds after a warm-up build; ${n} queries per KB, sequential; ` +
      `Node ${process.version}, ${process.arch}, ${availableParallelism()} cores)`,
  );
});
