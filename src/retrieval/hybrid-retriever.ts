// The hybrid retriever: BM25F over folded/accented terms + dense vectors (local, optionally OpenAI),
// fused by reciprocal rank, then a confidence decision (answer / choose / none).
import type { Embedder, Retriever, RetrievalResult } from "../core/ports.js";
import {
  analyze,
  type AnalyzedText,
  type CompiledLexicon,
  type InjectionDetector,
} from "../core/nlu/index.js";
import type { Bm25Index, QueryTerm } from "./bm25.js";
import { decide, type ConfidenceModel, type RetrievalFeatures } from "./confidence.js";
import { reciprocalRankFusion } from "./fusion.js";
import { queryTerms, topicalBigrams } from "./terms.js";
import type { VectorIndex } from "./vector-index.js";

/** A dense index with the embedder that produced its vectors. */
export interface DenseSource {
  readonly embedder: Embedder;
  readonly index: VectorIndex;
  readonly weight: number;
}

export interface HybridRetrieverDeps {
  readonly slugs: readonly string[];
  readonly lexicon: CompiledLexicon;
  readonly injection: InjectionDetector;
  readonly bm25: Bm25Index;
  readonly dense: readonly DenseSource[];
  /** Confidence model; defaults to the fitted model shipped in confidence-model.json. */
  readonly model?: ConfidenceModel;
  /** Weight of the lexical list in the fusion (dense lists carry their own). */
  readonly lexicalWeight?: number;
  /** Told when a dense source fails for a query (for logging; never receives the query). */
  readonly onDenseError?: (embedderId: string, error: unknown) => void;
}

/** A search with its evidence, for evaluation and logging (no personal data inside). */
export interface DetailedResult {
  readonly result: RetrievalResult;
  readonly features: RetrievalFeatures | null;
}

const DEPTH = 20;
const MAX_CANDIDATES = 3;

const NONE = (reason: string): RetrievalResult => ({
  decision: "none",
  candidates: [],
  confidence: 0,
  reason,
});

export class HybridRetriever implements Retriever {
  constructor(private readonly deps: HybridRetrieverDeps) {}

  async search(query: string): Promise<RetrievalResult> {
    return (await this.searchDetailed(query)).result;
  }

  async searchDetailed(query: string): Promise<DetailedResult> {
    const { lexicon, bm25, slugs } = this.deps;
    if (this.deps.injection.detect(query)) return { result: NONE("injection"), features: null };
    const analyzed = analyze(query, lexicon);
    const { terms, tokenTerms } = queryTerms(analyzed, (t) => bm25.has(t));
    if (terms.length === 0) return { result: NONE("empty"), features: null };
    const lexical = bm25.search(terms, DEPTH);
    const dense = await Promise.all(
      this.deps.dense.map(async (d) => ({ d, hits: await this.denseHits(d, query) })),
    );
    const fused = reciprocalRankFusion([
      { docs: lexical.map((h) => h.doc), weight: this.deps.lexicalWeight ?? 1 },
      ...dense.map(({ d, hits }) => ({ docs: hits.map((h) => h.doc), weight: d.weight })),
    ]);
    const ranked = [...fused.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const top = ranked[0];
    if (!top) return { result: NONE("no-match"), features: null };
    const strongHit = bm25.scoreDoc(terms, top[0], "strong");
    const strong = { matched: new Set(strongHit.matched), score: strongHit.score };
    const topicalTerms = [...new Set(tokenTerms.filter((_, i) => analyzed.kinds[i] === "content"))];
    const features = this.features(
      top[0],
      terms,
      topicalTerms,
      analyzed,
      lexical,
      strong,
      dense[0]?.hits ?? [],
    );
    const { decision, confidence } = decide(features, this.deps.model);
    const candidates =
      decision === "none"
        ? []
        : ranked.slice(0, MAX_CANDIDATES).map(([doc, score]) => ({ slug: slugs[doc] ?? "", score }));
    return {
      result: { decision, candidates, confidence, reason: decision === "none" ? "low-confidence" : "ok" },
      features,
    };
  }

  /**
   * Dense hits of one source. A remote embedder that fails (server down, timeout) is skipped for
   * this query so the answer degrades to lexical + local vectors instead of failing.
   */
  private async denseHits(d: DenseSource, query: string): Promise<ReturnType<VectorIndex["search"]>> {
    try {
      return d.index.search(await d.embedder.embedQuery(query), DEPTH);
    } catch (err) {
      this.deps.onDenseError?.(d.embedder.id, err);
      return [];
    }
  }

  private features(
    doc: number,
    terms: readonly QueryTerm[],
    topical: readonly string[],
    analyzed: AnalyzedText,
    lexical: ReturnType<Bm25Index["search"]>,
    strong: { readonly matched: ReadonlySet<string>; readonly score: number },
    dense: ReturnType<VectorIndex["search"]>,
  ): RetrievalFeatures {
    const { bm25 } = this.deps;
    const hit = lexical.find((h) => h.doc === doc);
    const matched = new Set(hit?.matched ?? []);
    const idfSum = (xs: readonly string[]): number => xs.reduce((s, t) => s + bm25.idf(t), 0);
    const total = idfSum(topical);
    const allPairs = [...topicalBigrams(analyzed)];
    const pairs = allPairs.filter((t) => matched.has(t));
    const strongPairs = allPairs.filter((t) => strong.matched.has(t));
    const maxIdf = (xs: readonly string[]): number =>
      Math.min(1, xs.reduce((m, t) => Math.max(m, bm25.idf(t)), 0) / 5);
    const first = lexical[0]?.score ?? 0;
    const second = lexical[1]?.score ?? 0;
    const ceiling = terms.reduce((s, t) => s + bm25.idf(t.term) * t.weight, 0) * (bm25.params.k1 + 1);
    const denseTop = dense.find((h) => h.doc === doc)?.similarity ?? 0;
    const denseOther = dense.find((h) => h.doc !== doc)?.similarity ?? 0;
    return {
      coverage: total > 0 ? idfSum(topical.filter((t) => matched.has(t))) / total : 0,
      bigram: maxIdf(pairs),
      strongCoverage: total > 0 ? idfSum(topical.filter((t) => strong.matched.has(t))) / total : 0,
      strongBigram: maxIdf(strongPairs),
      dense: denseTop,
      margin: first > 0 && lexical[0]?.doc === doc ? (first - second) / first : 0,
      agree: lexical[0]?.doc === doc && dense[0]?.doc === doc ? 1 : 0,
      unknown: total > 0 ? idfSum(topical.filter((t) => bm25.documentFrequency(t) === 0)) / total : 0,
      strength: ceiling > 0 ? Math.min(1, (hit?.score ?? 0) / ceiling) : 0,
      denseGap: Math.max(0, denseTop - denseOther),
      topical: Math.min(1, topical.length / 10),
      matchedCount: Math.min(1, topical.filter((t) => matched.has(t)).length / 4),
      procedural: Math.min(1, analyzed.kinds.filter((k) => k === "generic").length / 3),
      strongShare: hit && hit.score > 0 ? Math.min(1, strong.score / hit.score) : 0,
    };
  }
}
