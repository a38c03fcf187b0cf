// `npm run kb:calibrate`: fits the retrieval confidence model (src/retrieval/confidence-model.json).
// In-scope examples: every alias / situation / English alias is held out in turn (5 folds), the index
// is built without it, and chat-like queries are generated from it. Out-of-scope examples:
// scripts/data/out-of-scope.txt. The evaluation files are never used here.
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
} from "../src/retrieval/index.js";
import { fitLogistic, type Sample } from "./lib/logistic.js";
import { run } from "./lib/setup.js";
import { prng } from "./lib/synthetic-kb.js";

const FOLDS = 5;
const TARGET_FALSE_REJECTION = 0.02;
const TARGET_ANSWER_PRECISION = 0.95;
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

interface Held {
  readonly slug: string;
  readonly text: string;
  readonly english: boolean;
  readonly fold: number;
}

type Rand = () => number;
const pick = <T>(xs: readonly T[], r: Rand): T => xs[Math.floor(r() * xs.length)] as T;

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
  if (r() < 0.4) q = foldDiacritics(q).replace(/đ/g, "d");
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

function threshold(values: readonly number[], maxShareBelow: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.floor(maxShareBelow * sorted.length);
  return Number((sorted[idx] ?? 0.5).toFixed(4));
}

function answerThreshold(pairs: ReadonlyArray<{ p: number; ok: boolean }>): number {
  const sorted = [...pairs].sort((a, b) => b.p - a.p);
  let best = 1;
  let ok = 0;
  sorted.forEach((s, i) => {
    if (s.ok) ok++;
    if (i >= 50 && ok / (i + 1) >= TARGET_ANSWER_PRECISION) best = s.p;
  });
  return Number(best.toFixed(4));
}

run(async () => {
  const config = loadConfig();
  const kb = loadKnowledgeOrThrow(config.knowledgeDir);
  const r = prng(2026);
  const held = heldOut(kb, r);
  const oos = readFileSync(resolve(import.meta.dirname, "data/out-of-scope.txt"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const positives: Array<{ x: number[]; ok: boolean; q: string }> = [];
  const negatives: number[][] = [];
  const negQ: string[] = [];
  let rejectedEarly = 0;
  let unanswerable = 0;
  for (let fold = 0; fold < FOLDS; fold++) {
    const kbF = without(kb, held, fold);
    const retriever = retrieverFromIndexes(kbF, await buildIndexes(kbF));
    for (const h of held.filter((x) => x.fold === fold)) {
      for (let v = 0; v < 2; v++) {
        const q = queryFrom(h, r);
        const d = await retriever.searchDetailed(q);
        if (!d.features) {
          rejectedEarly++;
          continue;
        }
        // A query none of whose topical words is left anywhere in the fold's index cannot be
        // answered by any lexical system; calibrating on it would only lower every threshold.
        if (d.features.unknown > 0.999) {
          unanswerable++;
          continue;
        }
        positives.push({
          x: featureVector(d.features),
          ok: d.result.candidates[0]?.slug === h.slug,
          q: `${h.slug} :: ${q}`,
        });
      }
    }
    for (const q of oos) {
      const d = await retriever.searchDetailed(q);
      if (d.features) {
        negatives.push(featureVector(d.features));
        negQ.push(q);
      }
    }
  }
  const inScopeSamples: Sample[] = [
    ...positives.map((p) => ({ x: p.x, y: 1 as const })),
    ...negatives.map((x) => ({ x, y: 0 as const })),
  ];
  const inScope = fitLogistic(inScopeSamples);
  const correct = fitLogistic(positives.map((p) => ({ x: p.x, y: p.ok ? (1 as const) : (0 as const) })));
  const rejectBelow = threshold(
    positives.map((p) => probability(inScope, p.x)),
    TARGET_FALSE_REJECTION,
  );
  const answerAt = answerThreshold(positives.map((p) => ({ p: probability(correct, p.x), ok: p.ok })));
  const model: ConfidenceModel = {
    version: 1,
    features: [...FEATURE_NAMES],
    inScope,
    correct,
    rejectBelow,
    answerAt,
  };
  writeFileSync(MODEL_PATH, `${JSON.stringify(model, null, 2)}\n`);

  const oosRejected =
    negatives.filter((x) => probability(inScope, x) < rejectBelow).length +
    (oos.length * FOLDS - negatives.length);
  const answered = positives.filter(
    (p) => probability(inScope, p.x) >= rejectBelow && probability(correct, p.x) >= answerAt,
  );
  console.log(
    `held-out in-scope queries: ${positives.length + rejectedEarly} (top-1 correct ${(positives.filter((p) => p.ok).length / positives.length).toFixed(3)})`,
  );
  console.log(
    `out-of-scope queries: ${oos.length} × ${FOLDS} folds; rejected at threshold ${rejectBelow}: ${(oosRejected / (oos.length * FOLDS)).toFixed(3)}`,
  );
  console.log(
    `answered directly at P(correct) ≥ ${answerAt}: ${(answered.length / positives.length).toFixed(3)} of in-scope, precision ${(answered.filter((p) => p.ok).length / Math.max(1, answered.length)).toFixed(3)}`,
  );
  if (process.env.CALIBRATE_DEBUG) {
    const pp = positives.map((p) => ({ p: probability(inScope, p.x), q: p.q })).sort((a, b) => a.p - b.p);
    console.log(
      "lowest positives:",
      pp
        .slice(0, 40)
        .map((x) => `${x.p.toFixed(3)} ${x.q}`)
        .join("\n"),
    );
    const nn = negatives
      .map((x, i) => ({ p: probability(inScope, x), q: negQ[i] ?? "" }))
      .sort((a, b) => b.p - a.p);
    console.log(
      "highest negatives:",
      nn
        .slice(0, 40)
        .map((x) => `${x.p.toFixed(3)} ${x.q}`)
        .join("\n"),
    );
  }
  console.log("trade-off (threshold → held-out false rejection, out-of-scope rejection):");
  for (const share of [0.01, 0.02, 0.03, 0.05, 0.08, 0.1]) {
    const t = threshold(
      positives.map((p) => probability(inScope, p.x)),
      share,
    );
    const rej =
      negatives.filter((x) => probability(inScope, x) < t).length + (oos.length * FOLDS - negatives.length);
    console.log(`  ${t.toFixed(3)} → ${share.toFixed(2)}  ${(rej / (oos.length * FOLDS)).toFixed(3)}`);
  }
  console.log(`weights in-scope ${JSON.stringify(inScope)}\nweights correct  ${JSON.stringify(correct)}`);
  console.log(`→ ${MODEL_PATH}`);
});
