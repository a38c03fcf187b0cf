// The multi-core build (worker threads: encoding halves, HNSW shards) gives the same lexical index
// and local embedder as the single-thread build, and the same answers.
import { describe, expect, it } from "vitest";
import { buildIndexes, retrieverFromIndexes } from "../../src/retrieval/index.js";
import { syntheticKb } from "../../scripts/lib/synthetic-kb.js";
import { realKb } from "../helpers/kb.js";

describe("parallel index build", () => {
  const kb = syntheticKb(realKb(), 240);

  it("matches the single-thread build", async () => {
    const single = await buildIndexes(kb, [], { workers: 0 });
    const parallel = await buildIndexes(kb, [], { workers: 2 });
    expect(single.workers).toBe(0);
    expect(parallel.workers).toBe(2); // the worker path really ran (no silent fallback)
    const a = single.bm25.toSnapshot();
    const b = parallel.bm25.toSnapshot();
    expect(new Set(b.terms)).toEqual(new Set(a.terms));
    for (const term of ["khai_sinh", "so", "~sổ", "ket_hon"]) {
      expect(parallel.bm25.documentFrequency(term), term).toBe(single.bm25.documentFrequency(term));
    }
    expect([...b.lengths]).toEqual([...a.lengths]);
    expect(parallel.local.embedder.toState()).toEqual(single.local.embedder.toState());
    expect(parallel.local.index.passageDoc).toEqual(single.local.index.passageDoc);

    const r1 = retrieverFromIndexes(kb, single);
    const r2 = retrieverFromIndexes(kb, parallel);
    const queries = kb.procedures.slice(0, 60).map((p) => `${p.aliases[0] ?? p.name} cần giấy tờ gì`);
    let same = 0;
    for (const q of queries) {
      if ((await r1.search(q)).candidates[0]?.slug === (await r2.search(q)).candidates[0]?.slug) same++;
    }
    // HNSW is approximate and the parallel build uses two graphs: allow a rare difference.
    expect(same / queries.length).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
