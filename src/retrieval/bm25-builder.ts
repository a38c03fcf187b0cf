// Construction of the BM25F index: documents are added one at a time (term ids allocated on first
// sight, per-document sums in reusable typed arrays), packed into a snapshot, and runs concatenated.
import {
  Bm25Index,
  DEFAULT_BM25,
  type Bm25Params,
  type Bm25Snapshot,
  type EncodedField,
  type WeightedField,
} from "./bm25.js";

/** Builds an index from documents given as weighted fields of term strings (tests, small corpora). */
export function buildBm25(
  docs: readonly (readonly WeightedField[])[],
  params: Bm25Params = DEFAULT_BM25,
): Bm25Index {
  const builder = new Bm25Builder(params);
  for (const fields of docs) {
    builder.add(
      fields.map((f) => ({
        ids: f.terms.map((t) => builder.termId(t)),
        weight: f.weight,
        strong: f.strong ?? false,
      })),
    );
  }
  return builder.build();
}

/** Incremental construction: add documents one at a time, then pack. */
export class Bm25Builder {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly docs: number[][] = [];
  private readonly tfs: number[][] = [];
  private readonly strongTfs: number[][] = [];
  private readonly lengths: number[] = [];
  private readonly strongLengths: number[] = [];
  // Per-document accumulators indexed by term id, reused across documents.
  private acc: Float64Array = new Float64Array(1024);
  private strongAcc: Float64Array = new Float64Array(1024);
  private stamp: Int32Array = new Int32Array(1024);

  constructor(private readonly params: Bm25Params = DEFAULT_BM25) {}

  /** The id of a term, allocated on first sight. */
  termId(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      this.docs.push([]);
      this.tfs.push([]);
      this.strongTfs.push([]);
    }
    return id;
  }

  private ensureCapacity(): void {
    if (this.terms.length <= this.acc.length) return;
    const size = Math.max(this.terms.length, this.acc.length * 2);
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.acc = grow(this.acc, (n) => new Float64Array(n));
    this.strongAcc = grow(this.strongAcc, (n) => new Float64Array(n));
    this.stamp = grow(this.stamp, (n) => new Int32Array(n));
  }

  /** Adds the next document (numbered in call order) and returns its number. */
  add(fields: readonly EncodedField[]): number {
    const doc = this.lengths.length;
    this.ensureCapacity();
    const touched: number[] = [];
    let length = 0;
    let strongLength = 0;
    for (const f of fields) {
      for (let k = 0; k < f.ids.length; k++) {
        const id = f.ids[k] ?? 0;
        if (this.stamp[id] !== doc + 1) {
          this.stamp[id] = doc + 1;
          touched.push(id);
        }
        this.acc[id] = (this.acc[id] ?? 0) + f.weight;
        if (f.strong) this.strongAcc[id] = (this.strongAcc[id] ?? 0) + f.weight;
      }
      length += f.ids.length * f.weight;
      if (f.strong) strongLength += f.ids.length * f.weight;
    }
    for (const id of touched) {
      this.docs[id]?.push(doc);
      this.tfs[id]?.push(this.acc[id] ?? 0);
      this.strongTfs[id]?.push(this.strongAcc[id] ?? 0);
      this.acc[id] = 0;
      this.strongAcc[id] = 0;
    }
    this.lengths.push(length);
    this.strongLengths.push(strongLength);
    return doc;
  }

  /** Packs everything added so far. */
  snapshot(): Bm25Snapshot {
    const starts = new Int32Array(this.terms.length + 1);
    this.docs.forEach((d, t) => (starts[t + 1] = (starts[t] ?? 0) + d.length));
    const total = starts[this.terms.length] ?? 0;
    const docs = new Int32Array(total);
    const tfs = new Float32Array(total);
    const strongTfs = new Float32Array(total);
    this.docs.forEach((d, t) => {
      const at = starts[t] ?? 0;
      docs.set(d, at);
      tfs.set(this.tfs[t] ?? [], at);
      strongTfs.set(this.strongTfs[t] ?? [], at);
    });
    return {
      params: this.params,
      terms: [...this.terms],
      starts,
      docs,
      tfs,
      strongTfs,
      lengths: Float32Array.from(this.lengths),
      strongLengths: Float32Array.from(this.strongLengths),
    };
  }

  build(): Bm25Index {
    return new Bm25Index(this.snapshot());
  }
}

/**
 * Concatenates snapshots of consecutive document runs (run k's document 0 follows the last
 * document of run k−1) into one snapshot; posting lists stay sorted by document.
 */
export function concatSnapshots(
  parts: readonly Bm25Snapshot[],
  params: Bm25Params = DEFAULT_BM25,
): Bm25Snapshot {
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const globalOf = parts.map((p) =>
    Int32Array.from(p.terms, (t) => {
      let id = ids.get(t);
      if (id === undefined) {
        id = terms.length;
        ids.set(t, id);
        terms.push(t);
      }
      return id;
    }),
  );
  const starts = new Int32Array(terms.length + 1);
  parts.forEach((p, k) => {
    const g = globalOf[k] ?? new Int32Array(0);
    for (let t = 0; t < p.terms.length; t++) {
      const at = (g[t] ?? 0) + 1;
      starts[at] = (starts[at] ?? 0) + (p.starts[t + 1] ?? 0) - (p.starts[t] ?? 0);
    }
  });
  for (let t = 0; t < terms.length; t++) starts[t + 1] = (starts[t + 1] ?? 0) + (starts[t] ?? 0);
  const total = starts[terms.length] ?? 0;
  const out = {
    docs: new Int32Array(total),
    tfs: new Float32Array(total),
    strongTfs: new Float32Array(total),
  };
  const cursor = starts.slice(0, terms.length);
  let offset = 0;
  parts.forEach((p, k) => {
    const g = globalOf[k] ?? new Int32Array(0);
    for (let t = 0; t < p.terms.length; t++) {
      const gid = g[t] ?? 0;
      for (let i = p.starts[t] ?? 0; i < (p.starts[t + 1] ?? 0); i++) {
        const at = cursor[gid] ?? 0;
        out.docs[at] = (p.docs[i] ?? 0) + offset;
        out.tfs[at] = p.tfs[i] ?? 0;
        out.strongTfs[at] = p.strongTfs[i] ?? 0;
        cursor[gid] = at + 1;
      }
    }
    offset += p.lengths.length;
  });
  const concat = (xs: Float32Array[]): Float32Array => {
    const r = new Float32Array(xs.reduce((s, x) => s + x.length, 0));
    let at = 0;
    for (const x of xs) {
      r.set(x, at);
      at += x.length;
    }
    return r;
  };
  return {
    params,
    terms,
    starts,
    ...out,
    lengths: concat(parts.map((p) => p.lengths)),
    strongLengths: concat(parts.map((p) => p.strongLengths)),
  };
}
