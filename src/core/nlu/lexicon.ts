// Applies the abbreviation / teen-code lexicon (knowledge/lexicon.yaml) to a token sequence.
// "lam giay ks can j" → "làm giấy khai sinh cần gì"; multi-word phrases map to canonical wording.
import type { Lexicon } from "../knowledge/schema.js";
import { foldKey, foldToken, isMarked, unifyIYAccented } from "./normalize.js";
import { syllables } from "./tokenize.js";

/**
 * What a token contributes: "stop" carries no topic ("tôi", "ạ", "the"), "generic" is procedural
 * wording shared by every procedure ("thủ tục", "giấy", "nộp"), "content" names the topic.
 */
export type TokenKind = "stop" | "generic" | "content";

/** A compiled lexicon: token expansion plus accent-aware token classification. */
export interface CompiledLexicon {
  /** Replaces abbreviations and known phrases; input is canonical accented tokens. */
  expand(tokens: readonly string[]): ExpandedTokens;
  /**
   * Classifies one token. In text typed with accents (or a token carrying one) the accented form
   * decides; in unaccented text the folded form does, except folds shared with a topical word of
   * the vocabulary ("so" = sơ|sổ, "do" = đó|đỏ), which stay "content" because they may be the topic.
   */
  classify(accented: string, folded: string, accentedText: boolean): TokenKind;
}

/**
 * Tokens after expansion, accented and folded, index-aligned. `weights` lets an expansion count
 * like the words the user typed: "cccd" → 4 syllables of weight 0.5 each (√(typed / produced)).
 */
export interface ExpandedTokens {
  readonly accented: string[];
  readonly folded: string[];
  readonly weights: number[];
}

interface PhraseRule {
  readonly keys: readonly string[];
  readonly replacement: readonly string[];
  readonly replacementFolded: readonly string[];
}

function compilePhrases(phrases: Record<string, string>): Map<string, PhraseRule[]> {
  const byFirst = new Map<string, PhraseRule[]>();
  for (const [from, to] of Object.entries(phrases)) {
    const keys = syllables(foldKey(from));
    const first = keys[0];
    if (first === undefined) continue;
    const replacement = syllables(to.normalize("NFC").toLowerCase());
    const rule = { keys, replacement, replacementFolded: replacement.map(foldToken) };
    const list = byFirst.get(first) ?? [];
    list.push(rule);
    list.sort((a, b) => b.keys.length - a.keys.length);
    byFirst.set(first, list);
  }
  return byFirst;
}

function matchPhrase(
  folded: readonly string[],
  at: number,
  rules: readonly PhraseRule[],
): PhraseRule | undefined {
  return rules.find((r) => r.keys.every((k, j) => folded[at + j] === k));
}

interface WordSets {
  readonly stopAccented: ReadonlySet<string>;
  readonly genericAccented: ReadonlySet<string>;
  readonly stopFolded: ReadonlySet<string>;
  readonly genericFolded: ReadonlySet<string>;
  readonly ambiguous: ReadonlySet<string>;
}

function wordSets(data: Lexicon, vocabulary: Iterable<string>): WordSets {
  const canon = (w: string): string => unifyIYAccented(w.normalize("NFC").toLowerCase().trim());
  const stopAccented = new Set(data.stopwords.map(canon));
  const genericAccented = new Set(data.generic.map(canon));
  const stopFolded = new Set(data.stopwords.map(foldKey));
  const genericFolded = new Set(data.generic.map(foldKey));
  const ambiguous = new Set<string>();
  for (const word of vocabulary) {
    const w = canon(word);
    if (!isMarked(w) || stopAccented.has(w) || genericAccented.has(w)) continue;
    const k = foldToken(w);
    if (stopFolded.has(k) || genericFolded.has(k)) ambiguous.add(k);
  }
  return { stopAccented, genericAccented, stopFolded, genericFolded, ambiguous };
}

function classifier(sets: WordSets): CompiledLexicon["classify"] {
  return (accented, folded, accentedText) => {
    if (accentedText || isMarked(accented)) {
      const a = unifyIYAccented(accented);
      if (sets.stopAccented.has(a)) return "stop";
      return sets.genericAccented.has(a) ? "generic" : "content";
    }
    if (sets.ambiguous.has(folded)) return "content";
    if (sets.stopFolded.has(folded)) return "stop";
    return sets.genericFolded.has(folded) ? "generic" : "content";
  };
}

/**
 * Builds the lexicon from its validated data. Abbreviations match the exact lower-case token.
 * `vocabulary` (accented syllables of the knowledge base) tells which unaccented folds are ambiguous.
 */
export function compileLexicon(data: Lexicon, vocabulary: Iterable<string> = []): CompiledLexicon {
  const abbreviations = new Map<string, string[]>();
  for (const [k, v] of Object.entries(data.abbreviations)) {
    abbreviations.set(k.normalize("NFC").toLowerCase(), syllables(v.normalize("NFC").toLowerCase()));
  }
  const phrases = compilePhrases(data.phrases);
  const expand = (tokens: readonly string[]): ExpandedTokens => {
    const abbreviated: string[] = [];
    const baseWeights: number[] = [];
    for (const t of tokens) {
      const long = abbreviations.get(t);
      if (long) {
        abbreviated.push(...long);
        baseWeights.push(...long.map(() => Math.sqrt(1 / long.length)));
      } else {
        abbreviated.push(t);
        baseWeights.push(1);
      }
    }
    const folded = abbreviated.map(foldToken);
    const out: ExpandedTokens = { accented: [], folded: [], weights: [] };
    for (let i = 0; i < abbreviated.length;) {
      const rules = phrases.get(folded[i] ?? "");
      const rule = rules ? matchPhrase(folded, i, rules) : undefined;
      if (rule) {
        const typed = baseWeights.slice(i, i + rule.keys.length).reduce((x, y) => x + y, 0);
        const w = Math.min(1, Math.sqrt(typed / rule.replacement.length));
        out.accented.push(...rule.replacement);
        out.folded.push(...rule.replacementFolded);
        out.weights.push(...rule.replacement.map(() => w));
        i += rule.keys.length;
      } else {
        out.accented.push(abbreviated[i] ?? "");
        out.folded.push(folded[i] ?? "");
        out.weights.push(baseWeights[i] ?? 1);
        i += 1;
      }
    }
    return out;
  };
  return { expand, classify: classifier(wordSets(data, vocabulary)) };
}
