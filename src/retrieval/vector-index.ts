// Dense passage vectors in an hnswlib-node HNSW graph (cosine). Several passages per procedure;
// a procedure's dense score is the best cosine among its passages.
import hnswlib from "hnswlib-node";

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

/** A dense hit: document number and cosine similarity (−1..1). */
export interface DenseHit {
  readonly doc: number;
  readonly similarity: number;
}

export interface VectorIndexOptions {
  readonly m: number;
  readonly efConstruction: number;
  readonly efSearch: number;
}

const DEFAULTS: VectorIndexOptions = { m: 8, efConstruction: 32, efSearch: 64 };

function isZero(v: readonly number[]): boolean {
  return v.every((x) => x === 0);
}

/** HNSW index over passage vectors; `passageDoc[label]` is the document a passage belongs to. */
export class VectorIndex {
  private constructor(
    private readonly hnsw: Hnsw,
    readonly dimension: number,
    readonly passageDoc: readonly number[],
  ) {}

  /** Builds the graph from passage vectors (all of length `dimension`). */
  static build(
    vectors: readonly number[][],
    passageDoc: readonly number[],
    dimension: number,
    options: VectorIndexOptions = DEFAULTS,
  ): VectorIndex {
    const hnsw = new HierarchicalNSW("cosine", dimension);
    hnsw.initIndex({
      maxElements: Math.max(1, vectors.length),
      m: options.m,
      efConstruction: options.efConstruction,
      randomSeed: 100,
    });
    vectors.forEach((v, label) => {
      // A passage without any feature cannot be normalised; store a tiny constant instead.
      hnsw.addPoint(isZero(v) ? v.map((_, i) => (i === 0 ? 1e-6 : 0)) : v, label);
    });
    hnsw.setEf(options.efSearch);
    return new VectorIndex(hnsw, dimension, passageDoc);
  }

  /** Reads a graph written by `save`; dimension and labels come from the manifest. */
  static load(
    path: string,
    dimension: number,
    passageDoc: readonly number[],
    efSearch = DEFAULTS.efSearch,
  ): VectorIndex {
    const hnsw = new HierarchicalNSW("cosine", dimension);
    hnsw.readIndexSync(path);
    hnsw.setEf(efSearch);
    return new VectorIndex(hnsw, dimension, passageDoc);
  }

  save(path: string): void {
    this.hnsw.writeIndexSync(path);
  }

  /** Best documents by their closest passage, highest similarity first. */
  search(query: readonly number[], limit: number): DenseHit[] {
    const count = this.hnsw.getCurrentCount();
    if (count === 0 || isZero(query)) return [];
    const k = Math.min(count, Math.max(limit * 4, 32));
    const { neighbors, distances } = this.hnsw.searchKnn([...query], k);
    const best = new Map<number, number>();
    neighbors.forEach((label, i) => {
      const doc = this.passageDoc[label];
      if (doc === undefined) return;
      const sim = 1 - (distances[i] ?? 1);
      if (sim > (best.get(doc) ?? -Infinity)) best.set(doc, sim);
    });
    return [...best.entries()]
      .map(([doc, similarity]) => ({ doc, similarity }))
      .sort((a, b) => b.similarity - a.similarity || a.doc - b.doc)
      .slice(0, limit);
  }
}
