// The dense index: exact scan for small indexes, HNSW graphs for large ones; both must rank
// documents by their best passage's cosine, and survive a save/load round trip.
import { describe, expect, it } from "vitest";
import { EXACT_SCAN_MAX, VectorIndex, packedVectors } from "../../src/retrieval/vector-index.js";
import { tempDir } from "../helpers/tmp.js";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Sparse non-negative vectors like the local embedder's (about 5 % non-zero). */
function sparse(n: number, dim: number, seed: number): Float32Array {
  const r = rng(seed);
  const flat = new Float32Array(n * dim);
  for (let i = 0; i < flat.length; i++) if (r() < 0.05) flat[i] = r();
  return flat;
}

function bruteForce(flat: Float32Array, dim: number, passageDoc: number[], q: number[]): Map<number, number> {
  const qn = Math.sqrt(q.reduce((s, x) => s + x * x, 0));
  const best = new Map<number, number>();
  passageDoc.forEach((doc, label) => {
    let dot = 0;
    let n = 0;
    for (let j = 0; j < dim; j++) {
      const v = flat[label * dim + j] ?? 0;
      dot += v * (q[j] ?? 0);
      n += v * v;
    }
    const sim = dot / (Math.sqrt(n) * qn);
    if (sim > (best.get(doc) ?? -Infinity)) best.set(doc, sim);
  });
  return best;
}

describe("VectorIndex", () => {
  const dim = 256;

  it("scans small indexes exactly: the same documents and cosines as brute force", () => {
    const n = 300;
    const flat = sparse(n, dim, 1);
    const passageDoc = Array.from({ length: n }, (_, i) => Math.floor(i / 3));
    const index = VectorIndex.build(packedVectors(flat, dim), passageDoc);
    for (let t = 0; t < 20; t++) {
      const q = Array.from(sparse(1, dim, 100 + t));
      const expected = [...bruteForce(flat, dim, passageDoc, q).entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10);
      const got = index.search(q, 10);
      expect(got.map((h) => h.doc)).toEqual(expected.map(([doc]) => doc));
      got.forEach((h, i) => expect(h.similarity).toBeCloseTo(expected[i]?.[1] ?? 0, 4));
    }
  });

  it("answers the same after a save/load round trip", () => {
    const n = 90;
    const flat = sparse(n, dim, 7);
    const passageDoc = Array.from({ length: n }, (_, i) => i % 30);
    const index = VectorIndex.build(packedVectors(flat, dim), passageDoc, 2);
    const dir = tempDir();
    const loaded = VectorIndex.load(dir, index.save(dir, "t"), dim, passageDoc);
    const q = Array.from(sparse(1, dim, 9));
    expect(loaded.search(q, 5)).toEqual(index.search(q, 5));
  });

  it("uses the graphs above the exact-scan size with high recall of the true top 10", () => {
    const n = EXACT_SCAN_MAX + 500;
    const flat = sparse(n, dim, 3);
    const passageDoc = Array.from({ length: n }, (_, i) => i);
    const index = VectorIndex.build(packedVectors(flat, dim), passageDoc);
    let hits = 0;
    for (let t = 0; t < 20; t++) {
      const q = Array.from(sparse(1, dim, 500 + t));
      const truth = new Set(
        [...bruteForce(flat, dim, passageDoc, q).entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 10)
          .map(([d]) => d),
      );
      hits += index.search(q, 10).filter((h) => truth.has(h.doc)).length;
    }
    expect(hits / 200).toBeGreaterThan(0.8);
  });

  it("returns nothing for an all-zero query", () => {
    const index = VectorIndex.build(
      packedVectors(sparse(10, dim, 2), dim),
      Array.from({ length: 10 }, (_, i) => i),
    );
    expect(index.search(new Array<number>(dim).fill(0), 5)).toEqual([]);
  });
});
