// BM25F lexical index with integer term ids and packed posting lists. Each posting carries the
// weighted frequency over all fields and over the "strong" fields (names and aliases), so one
// index serves both the ranking and the confidence evidence. Scoring reuses one score array and
// keeps only the top k; snapshots are typed arrays (zero-copy between threads, binary on disk).

/** One field of a document: its terms, how much a match in it counts, and whether it names it. */
export interface WeightedField {
  readonly terms: readonly string[];
  readonly weight: number;
  readonly strong?: boolean;
}

/** Like WeightedField, with terms already turned into ids by Bm25Builder.termId. */
export interface EncodedField {
  readonly ids: ArrayLike<number>;
  readonly weight: number;
  readonly strong: boolean;
}

export interface Bm25Params {
  readonly k1: number;
  readonly b: number;
}

/** A query term and how much it counts. */
export interface QueryTerm {
  readonly term: string;
  readonly weight: number;
}

/** A scored document with the query terms it matched. */
export interface Bm25Hit {
  readonly doc: number;
  readonly score: number;
  readonly matched: readonly string[];
}

/** Which frequencies to score with: every field, or only names and aliases. */
export type Bm25Scope = "all" | "strong";

/** Packed index: term t's postings are [starts[t], starts[t+1]) of docs/tfs/strongTfs. */
export interface Bm25Snapshot {
  readonly params: Bm25Params;
  readonly terms: readonly string[];
  readonly starts: Int32Array;
  readonly docs: Int32Array;
  readonly tfs: Float32Array;
  readonly strongTfs: Float32Array;
  readonly lengths: Float32Array;
  readonly strongLengths: Float32Array;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.5 };

/** The typed arrays of a snapshot, for `postMessage` transfer lists. */
export function snapshotBuffers(s: Bm25Snapshot): ArrayBuffer[] {
  return [s.starts, s.docs, s.tfs, s.strongTfs, s.lengths, s.strongLengths].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

function average(xs: Float32Array): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / Math.max(1, xs.length);
}

/** Position of `doc` in the ascending range [lo, hi) of `docs`, or −1. */
function find(docs: Int32Array, lo: number, hi: number, doc: number): number {
  let a = lo;
  let b = hi - 1;
  while (a <= b) {
    const mid = (a + b) >> 1;
    const v = docs[mid] ?? 0;
    if (v === doc) return mid;
    if (v < doc) a = mid + 1;
    else b = mid - 1;
  }
  return -1;
}

/** Inverted index with BM25F scoring. Documents are numbered 0..n-1 in build order. */
export class Bm25Index {
  private readonly ids: Map<string, number>;
  private readonly avgLength: number;
  private readonly avgStrongLength: number;
  private readonly scores: Float64Array;
  private readonly seen: Uint8Array;
  /** k1 · (1 − b + b · length / average length) per document, precomputed for scoring. */
  private readonly knorm: Float64Array;

  constructor(private readonly s: Bm25Snapshot) {
    this.ids = new Map(s.terms.map((t, i) => [t, i]));
    this.avgLength = average(s.lengths);
    this.avgStrongLength = average(s.strongLengths);
    this.scores = new Float64Array(s.lengths.length);
    this.seen = new Uint8Array(s.lengths.length);
    const { k1, b } = s.params;
    const avg = this.avgLength || 1;
    this.knorm = Float64Array.from(s.lengths, (l) => k1 * (1 - b + (b * l) / avg));
  }

  get params(): Bm25Params {
    return this.s.params;
  }

  get docCount(): number {
    return this.s.lengths.length;
  }

  toSnapshot(): Bm25Snapshot {
    return this.s;
  }

  /** True when at least one document contains the term. */
  has(term: string): boolean {
    return this.ids.has(term);
  }

  /** Number of documents containing the term. */
  documentFrequency(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : (this.s.starts[id + 1] ?? 0) - (this.s.starts[id] ?? 0);
  }

  /** Inverse document frequency; terms absent from the corpus get the maximum value. */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
  }

  /** Scores the documents containing the terms; returns the best `limit`, highest first. */
  search(terms: readonly QueryTerm[], limit: number, scope: Bm25Scope = "all"): Bm25Hit[] {
    const { k1, b } = this.s.params;
    const { starts, docs } = this.s;
    const tfs = scope === "all" ? this.s.tfs : this.s.strongTfs;
    const knorm = scope === "all" ? this.knorm : this.strongKnorm(k1, b);
    const { scores, seen } = this;
    const touched: number[] = [];
    const resolved = terms.flatMap((t) => {
      const id = this.ids.get(t.term);
      return id === undefined ? [] : [{ ...t, id }];
    });
    for (const { id, weight, term } of resolved) {
      const w = this.idf(term) * weight * (k1 + 1);
      for (let i = starts[id] ?? 0, end = starts[id + 1] ?? 0; i < end; i++) {
        const tf = tfs[i] ?? 0;
        if (tf === 0) continue;
        const doc = docs[i] ?? 0;
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched.push(doc);
        }
        scores[doc] = (scores[doc] ?? 0) + (w * tf) / (tf + (knorm[doc] ?? 0));
      }
    }
    const best = this.topK(touched, limit);
    for (const doc of touched) {
      this.scores[doc] = 0;
      this.seen[doc] = 0;
    }
    return best.map(({ doc, score }) => ({
      doc,
      score,
      matched: resolved
        .filter(({ id }) => {
          const at = find(docs, starts[id] ?? 0, starts[id + 1] ?? 0, doc);
          return at >= 0 && (tfs[at] ?? 0) > 0;
        })
        .map((t) => t.term),
    }));
  }

  private strongKnormCache: Float64Array | null = null;

  private strongKnorm(k1: number, b: number): Float64Array {
    const avg = this.avgStrongLength || 1;
    this.strongKnormCache ??= Float64Array.from(this.s.strongLengths, (l) => k1 * (1 - b + (b * l) / avg));
    return this.strongKnormCache;
  }

  /** Score of one document (and the terms it matched), e.g. over names and aliases only. */
  scoreDoc(terms: readonly QueryTerm[], doc: number, scope: Bm25Scope = "all"): Bm25Hit {
    const { k1, b } = this.s.params;
    const { starts, docs } = this.s;
    const tfs = scope === "all" ? this.s.tfs : this.s.strongTfs;
    const length = (scope === "all" ? this.s.lengths : this.s.strongLengths)[doc] ?? 0;
    const avg = (scope === "all" ? this.avgLength : this.avgStrongLength) || 1;
    const norm = 1 - b + (b * length) / avg;
    let score = 0;
    const matched: string[] = [];
    for (const { term, weight } of terms) {
      const id = this.ids.get(term);
      if (id === undefined) continue;
      const at = find(docs, starts[id] ?? 0, starts[id + 1] ?? 0, doc);
      const tf = at >= 0 ? (tfs[at] ?? 0) : 0;
      if (tf === 0) continue;
      score += (this.idf(term) * weight * tf * (k1 + 1)) / (tf + k1 * norm);
      matched.push(term);
    }
    return { doc, score, matched };
  }

  /** The `limit` highest-scoring touched documents (ties: lower number first). */
  private topK(touched: readonly number[], limit: number): Array<{ doc: number; score: number }> {
    const top: Array<{ doc: number; score: number }> = [];
    const better = (score: number, doc: number, y: { doc: number; score: number }): boolean =>
      score > y.score || (score === y.score && doc < y.doc);
    for (const doc of touched) {
      const score = this.scores[doc] ?? 0;
      const last = top[top.length - 1];
      if (top.length === limit && last && !better(score, doc, last)) continue;
      let i = top.length;
      while (i > 0) {
        const prev = top[i - 1];
        if (!prev || !better(score, doc, prev)) break;
        i--;
      }
      top.splice(i, 0, { doc, score });
      if (top.length > limit) top.pop();
    }
    return top;
  }
}
