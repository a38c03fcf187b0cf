// Index and query terms of an analysed text: folded syllables, folded bigrams and accented bigrams.
// Accented bigrams keep "đổi họ" and "đổi hộ" apart when the user typed accents.
import type { AnalyzedText } from "../core/nlu/index.js";
import { bigrams } from "../core/nlu/index.js";

/** Prefix of accented-bigram terms, kept apart from folded ones. */
const ACCENT = "~";

/** A query term and how much it counts. */
export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

/** Terms for indexing a knowledge text: every syllable, folded and accented bigrams. */
export function documentTerms(a: AnalyzedText): string[] {
  const accentedBigrams = bigrams(a.accented).map((b) => ACCENT + b);
  return [...a.folded, ...a.bigrams, ...accentedBigrams];
}

/**
 * Terms for querying: syllables that are not stopwords, and bigrams not made only of stopwords.
 * When the user typed accents and the index knows the accented bigram, it replaces the folded one
 * (more precise, never counted twice). Weights come from the lexicon (expansions count less).
 */
export function queryTerms(a: AnalyzedText, known: (term: string) => boolean = () => false): WeightedTerm[] {
  const stop = (i: number): boolean => a.kinds[i] === "stop";
  const weight = (i: number): number => a.weights[i] ?? 1;
  const out = new Map<string, number>();
  const add = (term: string, w: number): void => {
    out.set(term, Math.max(out.get(term) ?? 0, w));
  };
  a.folded.forEach((t, i) => {
    if (!stop(i)) add(t, weight(i));
  });
  for (let i = 0; i + 1 < a.folded.length; i++) {
    if (stop(i) && stop(i + 1)) continue;
    const w = (weight(i) + weight(i + 1)) / 2;
    const accented = `${ACCENT}${a.accented[i] ?? ""}_${a.accented[i + 1] ?? ""}`;
    if (a.accentedInput && known(accented)) add(accented, w);
    else add(`${a.folded[i] ?? ""}_${a.folded[i + 1] ?? ""}`, w);
  }
  return [...out].map(([term, w]) => ({ term, weight: w }));
}

/** Folded and accented bigram terms of the query that contain at least one topical syllable. */
export function topicalBigrams(a: AnalyzedText): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < a.folded.length; i++) {
    if (a.kinds[i] !== "content" && a.kinds[i + 1] !== "content") continue;
    out.add(`${a.folded[i] ?? ""}_${a.folded[i + 1] ?? ""}`);
    out.add(`${ACCENT}${a.accented[i] ?? ""}_${a.accented[i + 1] ?? ""}`);
  }
  return out;
}
