// One pass from raw user text to the token views the retriever and the dialogue need.
// Order: NFC + lower-case → punctuation clean-up → lexicon expansion → folding → bigrams.
import type { CompiledLexicon, TokenKind } from "./lexicon.js";
import { cleanPunctuation, hasDiacritics, toCanonical } from "./normalize.js";
import { bigrams, syllables } from "./tokenize.js";

/** The analysed form of a text. All token arrays are in reading order. */
export interface AnalyzedText {
  /** Canonical accented syllables after lexicon expansion. */
  readonly accented: readonly string[];
  /** Same syllables folded (no diacritics, i/y unified). */
  readonly folded: readonly string[];
  /** Folded syllable bigrams ("khai_sinh"). */
  readonly bigrams: readonly string[];
  /** Weight of each syllable in a query (1, or less for syllables produced by an expansion). */
  readonly weights: readonly number[];
  /** Kind of each syllable (stop / generic / content), index-aligned with `folded`. */
  readonly kinds: readonly TokenKind[];
  /** Folded syllables that are neither stopwords nor generic procedural words. */
  readonly content: readonly string[];
  /** Whether the original text was typed with diacritics. */
  readonly accentedInput: boolean;
}

/** Analyses a text with the given lexicon; never throws, returns empty arrays for empty input. */
export function analyze(text: string, lexicon: CompiledLexicon): AnalyzedText {
  const canonical = cleanPunctuation(toCanonical(text));
  const { accented, folded, weights } = lexicon.expand(syllables(canonical));
  const accentedInput = hasDiacritics(canonical);
  const kinds = folded.map((f, i) => lexicon.classify(accented[i] ?? "", f, accentedInput));
  return {
    accented,
    folded,
    bigrams: bigrams(folded),
    weights,
    kinds,
    content: folded.filter((_, i) => kinds[i] === "content"),
    accentedInput,
  };
}
