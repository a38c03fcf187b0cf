// The confidence decision: the shipped model parses, strong evidence answers, thin evidence is
// "not found", and a query without any topical word is never matched.
import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL, FEATURE_NAMES, type RetrievalFeatures } from "../../src/retrieval/index.js";
import { decide } from "../../src/retrieval/confidence.js";

const all = (v: number): RetrievalFeatures =>
  Object.fromEntries(FEATURE_NAMES.map((k) => [k, v])) as unknown as RetrievalFeatures;

describe("confidence decision", () => {
  it("ships a model for exactly the current features", () => {
    expect(DEFAULT_MODEL.features).toEqual([...FEATURE_NAMES]);
    expect(DEFAULT_MODEL.rejectBelow).toBeGreaterThan(0);
    expect(DEFAULT_MODEL.answerAt).toBeLessThan(1);
  });

  it("answers when every piece of evidence is strong", () => {
    expect(decide({ ...all(1), unknown: 0 }).decision).toBe("answer");
  });

  it("says not found when nothing matches", () => {
    expect(decide({ ...all(0), topical: 0.3, unknown: 1 }).decision).toBe("none");
  });

  it("never matches a query without topical words, whatever the other evidence", () => {
    expect(decide({ ...all(1), topical: 0 }).decision).toBe("none");
  });

  it("gives a confidence between 0 and 1 that grows with the evidence", () => {
    const weak = decide({ ...all(0.2), unknown: 0.5 }).confidence;
    const strong = decide({ ...all(0.9), unknown: 0 }).confidence;
    expect(weak).toBeGreaterThanOrEqual(0);
    expect(strong).toBeLessThanOrEqual(1);
    expect(strong).toBeGreaterThan(weak);
  });
});
