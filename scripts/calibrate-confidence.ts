// `npm run kb:calibrate`: fits the retrieval confidence model (src/retrieval/confidence-model.json).
// Training data, none of it from the evaluation files:
//  - synthetic in-scope queries: each alias / situation / English alias is held out in turn
//    (5 folds), the index is built without it, and chat-like queries are generated from it;
//  - realistic in-scope and out-of-scope questions written independently of the knowledge base
//    (scripts/calibration/calibration-*.jsonl) plus scripts/calibration/out-of-scope.txt.
// Thresholds are chosen on cross-validated predictions for the realistic questions only.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { KnowledgeBase, Procedure } from "../src/core/knowledge/index.js";
import { foldDiacritics } from "../src/core/nlu/index.js";
import { loadConfig } from "../src/config/index.js";
import { loadKnowledgeOrThrow } from "../src/knowledge/index.js";
import {
  buildIndexes,
  FEATURE_NAMES,
  featureVector,
  probability,
  retrieverFromIndexes,
  type ConfidenceModel,
  type HybridRetriever,
  type LogisticModel,
} from "../src/retrieval/index.js";
import { fitLogistic, type Sample } from "./lib/logistic.js";
import { readEvalFile } from "./lib/retrieval-metrics.js";
import { run } from "./lib/setup.js";
import { prng } from "./lib/synthetic-kb.js";

const FOLDS = 5;
/** Share of realistic in-scope questions we accept to reject (the issue allows at most 5 %). */
const TARGET_FALSE_REJECTION = 0.02;
const TARGET_ANSWER_PRECISION = 0.97;
/**
 * Never answer directly when the calibrated P(first candidate is right) is below this: a cumulative
 * precision target alone let answers at P ≈ 0.2 through (more likely wrong than right); below it the
 * user picks from up to three candidates instead (dev sample: wrong direct answers 5 → 1).
 */
const MIN_ANSWER_P = 0.5;
/** Realistic questions count this many times a synthetic one when fitting. */
const REALISTIC_WEIGHT = 3;
const DATA = resolve(import.meta.dirname, "calibration");
const MODEL_PATH = resolve(import.meta.dirname, "../src/retrieval/confidence-model.json");

const VI_PREFIX = [
  "",
  "",
  "",
  "cho em hỏi ",
  "mình muốn ",
  "thủ tục ",
  "làm sao để ",
  "tôi cần ",
  "ad ơi ",
  "xin hỏi ",
];
const VI_SUFFIX = [
  "",
  "",
  " cần giấy tờ gì",
  " làm ở đâu",
  " mất bao lâu",
  " lệ phí bao nhiêu",
  " làm online được không",
  " cần những gì ạ",
  " thì làm sao",
];
const EN_PREFIX = ["", "how to ", "how do I ", "I need ", "where can I "];
const EN_SUFFIX = ["", " in Vietnam", " what documents do I need", " how long does it take"];

type Rand = () => number;
const pick = <T>(xs: readonly T[], r: Rand): T => xs[Math.floor(r() * xs.length)] as T;

interface Held {
  readonly slug: string;
  readonly text: string;
  readonly english: boolean;
  readonly fold: number;
}

/** One labelled feature vector: in scope or not, and whether the first candidate was right. */
interface Row {
  readonly x: number[];
  readonly inScope: boolean;
  readonly correct: boolean;
  readonly realistic: boolean;
  /** Cross-validation fold of realistic rows (−1 for synthetic rows, always in training). */
  readonly fold: number;
}

function typo(text: string, r: Rand): string {
  const words = text.split(" ");
  const i = Math.floor(r() * words.length);
  const w = words[i] ?? "";
  if (w.length < 4) return text;
  const j = 1 + Math.floor(r() * (w.length - 2));
  words[i] = w.slice(0, j) + w.slice(j + 1);
  return words.join(" ");
}

function queryFrom(h: Held, r: Rand): string {
  let q = h.english
    ? `${pick(EN_PREFIX, r)}${h.text}${pick(EN_SUFFIX, r)}`
    : `${pick(VI_PREFIX, r)}${h.text}${pick(VI_SUFFIX, r)}`;
  if (r() < 0.4) q = foldDiacritics(q);
  if (r() < 0.1) q = typo(q, r);
  return q;
}

function heldOut(kb: KnowledgeBase, r: Rand): Held[] {
  return kb.procedures.flatMap((p) => {
    const items = [
      ...p.aliases.map((text) => ({ text, english: false })),
      ...p.situations.map((text) => ({ text, english: false })),
      ...p.aliases_en.map((text) => ({ text, english: true })),
    ].sort(() => r() - 0.5);
    return items.map((it, i) => ({ slug: p.slug, ...it, fold: i % FOLDS }));
  });
}

function without(kb: KnowledgeBase, held: readonly Held[], fold: number): KnowledgeBase {
  const out = new Set(held.filter((h) => h.fold === fold).map((h) => `${h.slug}\u0000${h.text}`));
  const keep = (p: Procedure) => (t: string) => !out.has(`${p.slug}\u0000${t}`);
  return {
    ...kb,
    procedures: kb.procedures.map((p) => ({
      ...p,
      aliases: p.aliases.filter(keep(p)),
      situations: p.situations.filter(keep(p)),
      aliases_en: p.aliases_en.filter(keep(p)),
    })),
    hash: `${kb.hash}-fold${fold}`,
  };
}

async function syntheticRows(kb: KnowledgeBase, r: Rand): Promise<Row[]> {
  const held = heldOut(kb, r);
  const rows: Row[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const kbF = without(kb, held, fold);
    const retriever = retrieverFromIndexes(kbF, await buildIndexes(kbF));
    for (const h of held.filter((x) => x.fold === fold)) {
      for (let v = 0; v < 2; v++) {
        const d = await retriever.searchDetailed(queryFrom(h, r));
        if (!d.features) continue;
        const correct = d.result.candidates[0]?.slug === h.slug;
        rows.push({ x: featureVector(d.features), inScope: true, correct, realistic: false, fold: -1 });
      }
    }
  }
  return rows;
}

async function realisticRows(
  retriever: HybridRetriever,
  r: Rand,
): Promise<{ rows: Row[]; earlyRejected: { in: number; out: number } }> {
  const inScope = readEvalFile(resolve(DATA, "calibration-in-scope.jsonl"));
  const outOfScope = [
    ...readEvalFile(resolve(DATA, "calibration-out-of-scope.jsonl")).map((l) => l.query),
    ...readFileSync(resolve(DATA, "out-of-scope.txt"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#")),
  ];
  const rows: Row[] = [];
  const earlyRejected = { in: 0, out: 0 };
  for (const line of inScope) {
    const d = await retriever.searchDetailed(line.query);
    if (!d.features) {
      earlyRejected.in++;
      continue;
    }
    const correct = d.result.candidates[0]?.slug === line.expected;
    rows.push({
      x: featureVector(d.features),
      inScope: true,
      correct,
      realistic: true,
      fold: Math.floor(r() * FOLDS),
    });
  }
  for (const q of outOfScope) {
    const d = await retriever.searchDetailed(q);
    if (!d.features) {
      earlyRejected.out++;
      continue;
    }
    rows.push({
      x: featureVector(d.features),
      inScope: false,
      correct: false,
      realistic: true,
      fold: Math.floor(r() * FOLDS),
    });
  }
  return { rows, earlyRejected };
}

function samples(rows: readonly Row[], label: (row: Row) => boolean): Sample[] {
  return rows.flatMap((row) => {
    const s = { x: row.x, y: label(row) ? (1 as const) : (0 as const) };
    return row.realistic ? Array.from({ length: REALISTIC_WEIGHT }, () => s) : [s];
  });
}

function fit(rows: readonly Row[]): { inScope: LogisticModel; correct: LogisticModel } {
  return {
    inScope: fitLogistic(samples(rows, (row) => row.inScope)),
    correct: fitLogistic(
      samples(
        rows.filter((row) => row.inScope),
        (row) => row.correct,
      ),
    ),
  };
}

/** Largest threshold rejecting at most `share` of the given in-scope probabilities. */
function rejectThreshold(inScopeProbabilities: readonly number[], share: number): number {
  const sorted = [...inScopeProbabilities].sort((a, b) => a - b);
  return Number((sorted[Math.floor(share * sorted.length)] ?? 0.5).toFixed(4));
}

/** Lowest P(correct) at which answered questions are still right ≥ TARGET_ANSWER_PRECISION of the time. */
function answerThreshold(pairs: ReadonlyArray<{ p: number; ok: boolean }>): number {
  const sorted = [...pairs].sort((a, b) => b.p - a.p);
  let best = 1;
  let ok = 0;
  sorted.forEach((s, i) => {
    if (s.ok) ok++;
    if (i >= 30 && ok / (i + 1) >= TARGET_ANSWER_PRECISION) best = s.p;
  });
  return Number(best.toFixed(4));
}

run(async () => {
  const config = loadConfig();
  const kb = loadKnowledgeOrThrow(config.knowledgeDir);
  const r = prng(2026);
  const synthetic = await syntheticRows(kb, r);
  const full = retrieverFromIndexes(kb, await buildIndexes(kb));
  const { rows: realistic, earlyRejected } = await realisticRows(full, r);

  // Cross-validated predictions for the realistic rows.
  const cv: Array<{ row: Row; pIn: number; pOk: number }> = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const m = fit([...synthetic, ...realistic.filter((row) => row.fold !== fold)]);
    for (const row of realistic.filter((x) => x.fold === fold)) {
      cv.push({ row, pIn: probability(m.inScope, row.x), pOk: probability(m.correct, row.x) });
    }
  }
  const cvIn = cv.filter((c) => c.row.inScope);
  const cvOut = cv.filter((c) => !c.row.inScope);
  const rejectBelow = rejectThreshold(
    cvIn.map((c) => c.pIn),
    TARGET_FALSE_REJECTION,
  );
  const answerAt = Math.max(
    MIN_ANSWER_P,
    answerThreshold(cvIn.map((c) => ({ p: c.pOk, ok: c.row.correct }))),
  );
  const final = fit([...synthetic, ...realistic]);
  const model: ConfidenceModel = {
    version: 2,
    features: [...FEATURE_NAMES],
    ...final,
    rejectBelow,
    answerAt,
  };
  writeFileSync(MODEL_PATH, `${JSON.stringify(model, null, 2)}\n`);

  const outTotal = cvOut.length + earlyRejected.out;
  const share = (n: number, d: number): string => (d === 0 ? "-" : (n / d).toFixed(3));
  console.log(
    `training rows: ${synthetic.length} synthetic held-out, ${realistic.length} realistic (×${REALISTIC_WEIGHT})`,
  );
  console.log(
    `realistic in-scope: ${cvIn.length + earlyRejected.in}, out-of-scope: ${outTotal} (${earlyRejected.out} stopped by the injection filter)`,
  );
  console.log(`cross-validated, threshold P(in scope) < ${rejectBelow}:`);
  console.log(
    `  false rejection ${share(cvIn.filter((c) => c.pIn < rejectBelow).length + earlyRejected.in, cvIn.length + earlyRejected.in)}`,
  );
  console.log(
    `  out-of-scope rejection ${share(cvOut.filter((c) => c.pIn < rejectBelow).length + earlyRejected.out, outTotal)}`,
  );
  const answered = cvIn.filter((c) => c.pIn >= rejectBelow && c.pOk >= answerAt);
  console.log(
    `  answered directly at P(correct) ≥ ${answerAt}: ${share(answered.length, cvIn.length)}, right ${share(answered.filter((c) => c.row.correct).length, answered.length)}`,
  );
  console.log("  trade-off (false rejection → threshold, out-of-scope rejection):");
  for (const target of [0.01, 0.02, 0.03, 0.05]) {
    const t = rejectThreshold(
      cvIn.map((c) => c.pIn),
      target,
    );
    console.log(
      `    ${target.toFixed(2)} → ${t.toFixed(3)}, ${share(cvOut.filter((c) => c.pIn < t).length + earlyRejected.out, outTotal)}`,
    );
  }
  console.log("  direct answers (share answered → right):");
  const byOk = [...cvIn].sort((a, b) => b.pOk - a.pOk);
  for (const cover of [0.3, 0.5, 0.7, 0.8, 0.9, 1]) {
    const top = byOk.slice(0, Math.max(1, Math.round(cover * byOk.length)));
    console.log(
      `    ${cover.toFixed(1)} → ${share(top.filter((c) => c.row.correct).length, top.length)} (P ≥ ${top[top.length - 1]?.pOk.toFixed(3) ?? "-"})`,
    );
  }
  console.log(`→ ${MODEL_PATH}`);
});
