import { describe, expect, it } from "vitest";
import { bigrams, charNgrams, syllables } from "../../../src/core/nlu/index.js";

describe("tokenisation", () => {
  it("splits into syllables and ignores extra whitespace", () => {
    expect(syllables("  khai  sinh cho\tcon ")).toEqual(["khai", "sinh", "cho", "con"]);
    expect(syllables("")).toEqual([]);
  });

  it.each([
    [
      ["khai", "sinh", "cho", "con"],
      ["khai_sinh", "sinh_cho", "cho_con"],
    ],
    [["ket", "hon"], ["ket_hon"]],
    [["mot"], []],
    [[], []],
  ])("bigrams(%j) → %j", (tokens, expected) => {
    expect(bigrams(tokens)).toEqual(expected);
  });

  it("builds character n-grams with boundary marks", () => {
    expect(charNgrams("sinh", 3)).toEqual(["^si", "sin", "inh", "nh$"]);
    expect(charNgrams("a", 3)).toEqual(["^a$"]);
    expect(charNgrams("ho", 4)).toEqual(["^ho$"]);
  });
});
