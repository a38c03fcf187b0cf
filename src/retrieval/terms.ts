// Index and query terms of an analysed text: folded syllables, folded bigrams and accented syllables.
// Accented syllables keep "đổi họ" and "đổi hộ" apart when the user typed accents.
import { isMarked, type AnalyzedText } from "../core/nlu/index.js";
import type { QueryTerm } from "./bm25.js";

/** Prefix of accented-syllable terms, kept apart from folded ones. */
const ACCENT = "~";

/**
 * Turns analysed knowledge texts into term ids: every folded syllable, folded bigram, and the
 * accented form of every syllable that carries a diacritic ("~hộ", "~họ"). Bigrams are looked up
 * by the integer ids of their two syllables, so a bigram string is only built the first time it
 * is seen (this keeps index construction fast).
 */
export class TermEncoder {
  private readonly pairs = new Map<number, Map<number, number>>();
  private readonly accented = new Map<string, number>();

  constructor(private readonly termId: (term: string) => number) {}

  private pair(a: number, b: number, build: () => string): number {
    let inner = this.pairs.get(a);
    if (!inner) {
      inner = new Map();
      this.pairs.set(a, inner);
    }
    let id = inner.get(b);
    if (id === undefined) {
      id = this.termId(build());
      inner.set(b, id);
    }
    return id;
  }

  private accentedTerm(token: string): number {
    let id = this.accented.get(token);
    if (id === undefined) {
      id = this.termId(ACCENT + token);
      this.accented.set(token, id);
    }
    return id;
  }

  /** Term ids of one analysed text: syllables, folded bigrams, accented syllables. */
  encode(a: AnalyzedText): number[] {
    const uni = a.folded.map((t) => this.termId(t));
    const out = [...uni];
    for (let i = 0; i + 1 < uni.length; i++) {
      out.push(
        this.pair(uni[i] ?? 0, uni[i + 1] ?? 0, () => `${a.folded[i] ?? ""}_${a.folded[i + 1] ?? ""}`),
      );
    }
    a.accented.forEach((t, i) => {
      if (t !== a.folded[i] && isMarked(t)) out.push(this.accentedTerm(t));
    });
    return out;
  }
}

/**
 * Terms for querying: syllables that are not stopwords, and bigrams not made only of stopwords.
 * When the user typed accents and the index knows the accented syllable, it replaces the folded
 * one (more precise, never counted twice). Weights come from the lexicon (expansions count less).
 */
export function queryTerms(a: AnalyzedText, known: (term: string) => boolean = () => false): QueryTerms {
  const stop = (i: number): boolean => a.kinds[i] === "stop";
  const weight = (i: number): number => a.weights[i] ?? 1;
  const out = new Map<string, number>();
  const add = (term: string, w: number): void => {
    out.set(term, Math.max(out.get(term) ?? 0, w));
  };
  const tokenTerms = a.folded.map((t, i) => {
    const accented = `${ACCENT}${a.accented[i] ?? ""}`;
    return a.accentedInput && known(accented) ? accented : t;
  });
  tokenTerms.forEach((t, i) => {
    if (!stop(i)) add(t, weight(i));
  });
  for (let i = 0; i + 1 < a.folded.length; i++) {
    if (stop(i) && stop(i + 1)) continue;
    add(`${a.folded[i] ?? ""}_${a.folded[i + 1] ?? ""}`, (weight(i) + weight(i + 1)) / 2);
  }
  return { terms: [...out].map(([term, w]) => ({ term, weight: w })), tokenTerms };
}

/** Query terms, plus the syllable term chosen for each token (folded or accented). */
export interface QueryTerms {
  readonly terms: QueryTerm[];
  readonly tokenTerms: readonly string[];
}

/** Folded bigram terms of the query that contain at least one topical syllable. */
export function topicalBigrams(a: AnalyzedText): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < a.folded.length; i++) {
    if (a.kinds[i] === "content" || a.kinds[i + 1] === "content")
      out.add(`${a.folded[i] ?? ""}_${a.folded[i + 1] ?? ""}`);
  }
  return out;
}
