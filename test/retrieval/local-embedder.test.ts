import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/nlu/index.js";
import { LocalEmbedder } from "../../src/retrieval/index.js";
import { realLexicon } from "../helpers/kb.js";

const lexicon = realLexicon();
const corpus = [
  "đăng ký khai sinh cho con",
  "đăng ký kết hôn",
  "đăng ký tạm trú",
  "cấp lại thẻ bảo hiểm y tế",
  "cấp hộ chiếu",
];
const { embedder, vectors } = LocalEmbedder.fit(
  corpus.map((t) => [analyze(t, lexicon)]),
  lexicon,
);

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

describe("local hashed n-gram embedder", () => {
  it("is deterministic, fixed-length and L2-normalised", () => {
    const a = embedder.embed("làm giấy khai sinh");
    expect(a).toEqual(embedder.embed("làm giấy khai sinh"));
    expect(a.length).toBe(embedder.dimension);
    expect(Math.abs(cosine(a, a) - 1)).toBeLessThan(1e-9);
  });

  it("embeds the fitted corpus exactly like embed()", () => {
    expect(Array.from(vectors.at(1)).map((x) => Number(x.toFixed(5)))).toEqual(
      embedder.embed(corpus[1]!).map((x) => Number(x.toFixed(5))),
    );
  });

  it("tolerates missing accents and typos (character n-grams)", () => {
    const target = embedder.embed("đăng ký khai sinh cho con");
    expect(cosine(embedder.embed("dang ky khai sinh"), target)).toBeGreaterThan(0.5);
    expect(cosine(embedder.embed("dăng kí khai sin"), target)).toBeGreaterThan(
      cosine(embedder.embed("tạm trú"), target),
    );
  });

  it("returns a zero vector for text without features", () => {
    expect(embedder.embed("😊 ...").every((x) => x === 0)).toBe(true);
  });

  it("restores from its state with identical output", () => {
    const copy = LocalEmbedder.fromState(
      JSON.parse(JSON.stringify(embedder.toState())) as ReturnType<LocalEmbedder["toState"]>,
      lexicon,
    );
    expect(copy.embed("hộ chiếu")).toEqual(embedder.embed("hộ chiếu"));
    expect(copy.id).toBe(embedder.id);
  });
});
