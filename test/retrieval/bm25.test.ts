import { describe, expect, it } from "vitest";
import { Bm25Index } from "../../src/retrieval/index.js";
import { buildBm25 } from "../../src/retrieval/bm25-builder.js";

const w = (...terms: string[]) => terms.map((term) => ({ term, weight: 1 }));

const docs = [
  [
    { terms: ["khai", "sinh", "khai_sinh"], weight: 3 },
    { terms: ["giay", "chung", "sinh"], weight: 1 },
  ],
  [{ terms: ["khai", "tu", "khai_tu"], weight: 3 }],
  [
    { terms: ["ket", "hon", "ket_hon"], weight: 3 },
    { terms: ["giay", "xac", "nhan"], weight: 1 },
  ],
];

describe("BM25F index", () => {
  const index = buildBm25(docs);

  it("ranks the document sharing the rare bigram first", () => {
    const hits = index.search(w("khai", "sinh", "khai_sinh"), 3);
    expect(hits[0]?.doc).toBe(0);
    expect(hits[0]?.matched).toEqual(["khai", "sinh", "khai_sinh"]);
    expect(hits[1]?.doc).toBe(1);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it("gives rarer terms a higher idf and unknown terms the highest", () => {
    expect(index.idf("giay")).toBeLessThan(index.idf("khai_tu"));
    expect(index.idf("khong-co")).toBeGreaterThan(index.idf("khai_tu"));
    expect(index.documentFrequency("khai")).toBe(2);
  });

  it("returns nothing for terms outside the corpus", () => {
    expect(index.search(w("visa", "schengen"), 5)).toEqual([]);
  });

  it("survives a snapshot round trip unchanged", () => {
    const copy = new Bm25Index(structuredClone(index.toSnapshot()));
    expect(copy.search(w("ket", "hon", "giay"), 3)).toEqual(index.search(w("ket", "hon", "giay"), 3));
  });
});
