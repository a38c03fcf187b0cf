// Finds known phrases in analysed text as whole-word, accent-insensitive token sequences, longest
// match first. Used for intents ("gặp cán bộ") and paper names ("giấy chứng sinh", "cccd").
import { analyze, type AnalyzedText } from "./analyze.js";
import type { CompiledLexicon } from "./lexicon.js";

/** One match: the phrase's key and the token span [start, end) in the analysed text. */
export interface PhraseMatch<K extends string> {
  readonly key: K;
  readonly start: number;
  readonly end: number;
  /** Tokens skipped inside the match (0 for an exact match). */
  readonly gaps: number;
}

interface Entry<K extends string> {
  readonly key: K;
  readonly tokens: readonly string[];
}

/** A compiled phrase list; phrases are analysed with the same lexicon as the messages. */
export interface PhraseMatcher<K extends string> {
  /** Non-overlapping matches, longest first; `maxGap` > 0 also accepts in-order matches with gaps. */
  find(text: AnalyzedText, maxGap?: number): Array<PhraseMatch<K>>;
}

function exactAt(folded: readonly string[], at: number, tokens: readonly string[]): boolean {
  for (let j = 0; j < tokens.length; j++) if (folded[at + j] !== tokens[j]) return false;
  return true;
}

/** In-order match starting at `at` allowing up to `maxGap` skipped tokens in total; returns end or -1. */
function gappedAt(
  folded: readonly string[],
  at: number,
  tokens: readonly string[],
  maxGap: number,
): { end: number; gaps: number } | null {
  if (folded[at] !== tokens[0]) return null;
  let i = at + 1;
  let gaps = 0;
  for (let j = 1; j < tokens.length; j++) {
    while (i < folded.length && folded[i] !== tokens[j] && gaps <= maxGap) {
      i++;
      gaps++;
    }
    if (i >= folded.length || gaps > maxGap) return null;
    i++;
  }
  return { end: i, gaps };
}

/** Compiles (key, phrase) pairs. Phrases shorter than one token are ignored. */
export function compilePhrases<K extends string>(
  pairs: Iterable<readonly [K, string]>,
  lexicon: CompiledLexicon,
): PhraseMatcher<K> {
  const byFirst = new Map<string, Array<Entry<K>>>();
  for (const [key, phrase] of pairs) {
    const tokens = analyze(phrase, lexicon).folded;
    const first = tokens[0];
    if (first === undefined) continue;
    const list = byFirst.get(first) ?? [];
    list.push({ key, tokens });
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return {
    find(text: AnalyzedText, maxGap = 0): Array<PhraseMatch<K>> {
      const { folded } = text;
      const candidates: Array<PhraseMatch<K>> = [];
      folded.forEach((token, at) => {
        for (const e of byFirst.get(token) ?? []) {
          if (exactAt(folded, at, e.tokens))
            candidates.push({ key: e.key, start: at, end: at + e.tokens.length, gaps: 0 });
          else if (maxGap > 0 && e.tokens.length >= 3) {
            // Long names tolerate a longer insertion ("giấy xác nhận [của công an xã về] việc chết").
            const g = gappedAt(folded, at, e.tokens, e.tokens.length >= 4 ? maxGap : Math.min(maxGap, 2));
            if (g) candidates.push({ key: e.key, start: at, end: g.end, gaps: g.gaps });
          }
        }
      });
      // Longest exact spans win; a span overlapping a kept one is dropped.
      candidates.sort((a, b) => a.gaps - b.gaps || b.end - b.start - (a.end - a.start) || a.start - b.start);
      const taken = new Uint8Array(folded.length);
      const out: Array<PhraseMatch<K>> = [];
      for (const c of candidates) {
        let free = true;
        for (let i = c.start; i < c.end; i++) if (taken[i]) free = false;
        if (!free) continue;
        for (let i = c.start; i < c.end; i++) taken[i] = 1;
        out.push(c);
      }
      return out.sort((a, b) => a.start - b.start);
    },
  };
}
