// BM25F lexical index: per-field weighted term frequencies, one inverted list per term.
// Built from the knowledge base in milliseconds; serialisable so it can be persisted with the vectors.

/** One field of a document: its terms and how much a match in it counts. */
export interface WeightedField {
  readonly terms: readonly string[];
  readonly weight: number;
}

export interface Bm25Params {
  readonly k1: number;
  readonly b: number;
}

/** A scored document with the query terms it matched. */
export interface Bm25Hit {
  readonly doc: number;
  readonly score: number;
  readonly matched: readonly string[];
}

/** Documents containing a term and the term's weighted frequency in each (parallel arrays). */
interface Posting {
  readonly docs: number[];
  readonly tfs: number[];
}

/** Serialised form (JSON-safe). */
export interface Bm25Snapshot {
  readonly params: Bm25Params;
  readonly docCount: number;
  readonly avgLength: number;
  readonly lengths: readonly number[];
  readonly postings: Record<string, Posting>;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.5 };

/** Inverted index with BM25F scoring. Documents are numbered 0..n-1 in build order. */
export class Bm25Index {
  private constructor(
    readonly params: Bm25Params,
    readonly docCount: number,
    private readonly avgLength: number,
    private readonly lengths: readonly number[],
    private readonly postings: Map<string, Posting>,
  ) {}

  /** Builds the index; `docs[i]` is the list of weighted fields of document i. */
  static build(docs: readonly (readonly WeightedField[])[], params: Bm25Params = DEFAULT_BM25): Bm25Index {
    const builder = new Bm25Builder(params);
    for (const fields of docs) builder.add(fields);
    return builder.build();
  }

  /** Used by Bm25Builder only. */
  static fromParts(params: Bm25Params, lengths: number[], postings: Map<string, Posting>): Bm25Index {
    const avg = lengths.reduce((s, l) => s + l, 0) / Math.max(1, lengths.length);
    return new Bm25Index(params, lengths.length, avg, lengths, postings);
  }

  static fromSnapshot(s: Bm25Snapshot): Bm25Index {
    return new Bm25Index(s.params, s.docCount, s.avgLength, s.lengths, new Map(Object.entries(s.postings)));
  }

  toSnapshot(): Bm25Snapshot {
    return {
      params: this.params,
      docCount: this.docCount,
      avgLength: this.avgLength,
      lengths: this.lengths,
      postings: Object.fromEntries(this.postings),
    };
  }

  /** Inverse document frequency; terms absent from the corpus get the maximum value. */
  idf(term: string): number {
    const df = this.postings.get(term)?.docs.length ?? 0;
    return Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
  }

  /** Number of documents containing the term. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  /** True when at least one document contains the term. */
  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Scores every document containing at least one term; returns the best `limit`, highest first. */
  search(terms: ReadonlyArray<{ readonly term: string; readonly weight: number }>, limit: number): Bm25Hit[] {
    const { k1, b } = this.params;
    const scores = new Map<number, { score: number; matched: string[] }>();
    for (const { term, weight } of terms) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = this.idf(term) * weight;
      for (let i = 0; i < posting.docs.length; i++) {
        const doc = posting.docs[i] ?? 0;
        const tf = posting.tfs[i] ?? 0;
        const norm = 1 - b + (b * (this.lengths[doc] ?? 0)) / this.avgLength;
        const s = (idf * tf * (k1 + 1)) / (tf + k1 * norm);
        const entry = scores.get(doc);
        if (entry) {
          entry.score += s;
          entry.matched.push(term);
        } else scores.set(doc, { score: s, matched: [term] });
      }
    }
    return [...scores.entries()]
      .map(([doc, e]) => ({ doc, score: e.score, matched: e.matched }))
      .sort((x, y) => y.score - x.score || x.doc - y.doc)
      .slice(0, limit);
  }
}

/** Incremental construction: add documents one at a time (keeps peak memory low), then build. */
export class Bm25Builder {
  private readonly postings = new Map<string, Posting>();
  private readonly lengths: number[] = [];

  constructor(private readonly params: Bm25Params = DEFAULT_BM25) {}

  /** Adds the next document (numbered in call order) and returns its number. */
  add(fields: readonly WeightedField[]): number {
    const doc = this.lengths.length;
    const tf = new Map<string, number>();
    let length = 0;
    for (const f of fields) {
      for (const t of f.terms) tf.set(t, (tf.get(t) ?? 0) + f.weight);
      length += f.terms.length * f.weight;
    }
    for (const [term, w] of tf) {
      const posting = this.postings.get(term);
      if (posting) {
        posting.docs.push(doc);
        posting.tfs.push(w);
      } else this.postings.set(term, { docs: [doc], tfs: [w] });
    }
    this.lengths.push(length);
    return doc;
  }

  build(): Bm25Index {
    return Bm25Index.fromParts(this.params, this.lengths, this.postings);
  }
}
