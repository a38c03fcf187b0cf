// Decides between one answer, up to three candidates and "not found". Two logistic models, fitted
// by scripts/calibrate-confidence.ts on held-out synthetic queries and an out-of-scope corpus, turn
// features of the top-ranked procedure into probabilities: "the query is in scope" and "the first
// candidate is the right one".
import type { RetrievalDecision } from "../core/ports.js";
import { z } from "zod";
import modelJson from "./confidence-model.json" with { type: "json" };

/** Evidence about the first-ranked procedure for one query (all roughly in 0–1). */
export interface RetrievalFeatures {
  /** Share (IDF-weighted) of the query's topical syllables that the first procedure contains. */
  readonly coverage: number;
  /** Highest IDF among topical bigrams the first procedure matched, divided by 5 and capped at 1. */
  readonly bigram: number;
  /** Like coverage, counting only matches in the procedure's names and aliases. */
  readonly strongCoverage: number;
  /** Like bigram, counting only matches in the procedure's names and aliases. */
  readonly strongBigram: number;
  /** Cosine similarity of the first procedure's closest local dense passage. */
  readonly dense: number;
  /** Relative lexical lead of the first procedure over the second (0–1). */
  readonly margin: number;
  /** 1 when lexical and dense rankings put the same procedure first. */
  readonly agree: number;
  /** Share (IDF-weighted) of topical syllables the knowledge base has never seen. */
  readonly unknown: number;
  /** Lexical score of the first procedure relative to the most the query could score (0–1). */
  readonly strength: number;
  /** Gap between the first and second dense similarities. */
  readonly denseGap: number;
  /** Number of topical syllables in the query, divided by 10 and capped at 1. */
  readonly topical: number;
  /** Number of distinct topical syllables the first procedure matched, divided by 4, capped at 1. */
  readonly matchedCount: number;
  /** Procedural words in the query ("giấy", "nộp", "thủ tục"), divided by 3 and capped at 1. */
  readonly procedural: number;
  /** Share of the first procedure's lexical score earned in its names and aliases. */
  readonly strongShare: number;
}

export const FEATURE_NAMES = [
  "coverage",
  "bigram",
  "strongCoverage",
  "strongBigram",
  "dense",
  "margin",
  "agree",
  "unknown",
  "strength",
  "denseGap",
  "topical",
  "matchedCount",
  "procedural",
  "strongShare",
] as const satisfies ReadonlyArray<keyof RetrievalFeatures>;

const logisticSchema = z.object({
  weights: z.array(z.number()).length(FEATURE_NAMES.length),
  bias: z.number(),
});

export const confidenceModelSchema = z.object({
  version: z.number(),
  features: z.array(z.string()),
  inScope: logisticSchema,
  correct: logisticSchema,
  rejectBelow: z.number().min(0).max(1),
  answerAt: z.number().min(0).max(1),
});
export type ConfidenceModel = z.infer<typeof confidenceModelSchema>;
export type LogisticModel = z.infer<typeof logisticSchema>;

/** The fitted model shipped with the code (validated once at import). */
export const DEFAULT_MODEL: ConfidenceModel = confidenceModelSchema.parse(modelJson);

/** Features as a vector in FEATURE_NAMES order (the model's inputs). */
export function featureVector(f: RetrievalFeatures): number[] {
  return FEATURE_NAMES.map((k) => f[k]);
}

/** Probability from a logistic model. */
export function probability(m: LogisticModel, x: readonly number[]): number {
  const z = m.weights.reduce((s, w, i) => s + w * (x[i] ?? 0), m.bias);
  return 1 / (1 + Math.exp(-z));
}

/** Applies the model: reject when the query looks out of scope, answer when the first is very likely right. */
export function decide(
  f: RetrievalFeatures,
  model: ConfidenceModel = DEFAULT_MODEL,
): { decision: RetrievalDecision; confidence: number; inScope: number } {
  const x = featureVector(f);
  const inScope = probability(model.inScope, x);
  const correct = probability(model.correct, x);
  const confidence = inScope * correct;
  if (f.topical === 0 || inScope < model.rejectBelow) return { decision: "none", confidence, inScope };
  if (correct >= model.answerAt) return { decision: "answer", confidence, inScope };
  return { decision: "choose", confidence, inScope };
}
