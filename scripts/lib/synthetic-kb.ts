// Generates a large synthetic knowledge base from the real one (for benchmarks): each copy gets
// invented Vietnamese-like place names and topic syllables so the vocabulary grows like a real KB.
import type { KnowledgeBase, Procedure } from "../../src/core/knowledge/index.js";

const ONSETS = [
  "b",
  "c",
  "ch",
  "d",
  "đ",
  "g",
  "h",
  "k",
  "kh",
  "l",
  "m",
  "n",
  "ng",
  "nh",
  "ph",
  "qu",
  "s",
  "t",
  "th",
  "tr",
  "v",
  "x",
];
const RHYMES = [
  "a",
  "an",
  "ang",
  "anh",
  "ao",
  "ăn",
  "âm",
  "ên",
  "iêu",
  "inh",
  "o",
  "oa",
  "ong",
  "ông",
  "ơi",
  "u",
  "uân",
  "ương",
  "ưu",
  "yên",
];

/** Small deterministic PRNG (mulberry32) so every run generates the same KB. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function word(rand: () => number, syllables: number): string {
  const out: string[] = [];
  for (let i = 0; i < syllables; i++) {
    out.push(
      `${ONSETS[Math.floor(rand() * ONSETS.length)] ?? "b"}${RHYMES[Math.floor(rand() * RHYMES.length)] ?? "a"}`,
    );
  }
  return out.join(" ");
}

function variant(base: Procedure, i: number, rand: () => number): Procedure {
  const place = word(rand, 2);
  const topic = word(rand, 2);
  return {
    ...base,
    slug: `${base.slug}-s${i}`,
    name: `${base.name} ${topic} tại ${place}`,
    aliases: base.aliases.map((a) => `${a} ${topic} ${place}`),
    aliases_en: base.aliases_en.map((a) => `${a} ${topic}`),
    situations: base.situations.map((s) => `${s} ở ${place}`),
    description: `${base.description} Áp dụng cho ${topic} ở ${place}.`,
  };
}

/** A KB with `count` procedures derived from the real ones (same catalogue and lexicon). */
export function syntheticKb(real: KnowledgeBase, count: number, seed = 7): KnowledgeBase {
  const rand = prng(seed);
  const procedures = Array.from({ length: count }, (_, i) => {
    const base = real.procedures[i % real.procedures.length];
    if (!base) throw new Error("empty knowledge base");
    return variant(base, i, rand);
  });
  return { ...real, procedures, hash: `synthetic-${count}-${seed}` };
}
