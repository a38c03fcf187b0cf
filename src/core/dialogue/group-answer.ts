// Free-text answers to a "which case applies?" question of an alternative group ("Bé sinh ở bệnh
// viện, trạm y tế hay sinh ở nhà?" → "ở bệnh viện"). Each alternative is described by its paper's
// name and aliases, its `condition` (without the negated parts: "không có giấy chứng sinh" does not
// describe the case) and the part of the `ask` question that speaks about it. The reply's syllables
// are scored against these descriptions, each syllable weighted by how few alternatives share it.
import type { DocumentType, Procedure } from "../knowledge/index.js";
import type { AnalyzedText } from "../nlu/index.js";
import { cleanPunctuation, foldKey, foldToken, syllables, toCanonical } from "../nlu/index.js";

/** Function words that say nothing about which case applies (folded). */
const FUNCTION_WORDS = new Set(
  "o la co cua va voi hay hoac khi chi thi ma de cho vao ve tai nhu nay duoc da dang se cung nhung cac mot vi du a nhe ak ha u uh vang phai roi".split(
    " ",
  ),
);
/** First-person words all mean "the user themself" ("nhà của tôi" = "nhà của mình"). */
const SELF_ACCENTED = new Set(["tôi", "tui", "mình", "tao", "tớ"]);
const SELF_FOLDED = new Set(["toi", "tui", "minh", "tao"]);
const SELF = "@self";
/** Negated spans of a condition, up to the next punctuation: "không có giấy chứng sinh". */
const NEGATED = /(?<![\p{L}\p{N}])(?:không|chưa|chẳng)\s[^,.;:()—–]*/giu;
/** Separators of the options inside an `ask` question. */
const ASK_SPLIT = /[,;:?!]|\s(?:hay|hoặc|or)\s/iu;
/** A reply is understood when its best alternative leads the next one by at least this much. */
const MARGIN = 0.5;

/**
 * Meaningful folded syllables of a text (knowledge-base text, always accented, or an analysed
 * reply), first-person words unified: accented "mình" is the user, "chứng minh" is not.
 */
export function caseWords(text: string | AnalyzedText): string[] {
  const accented = typeof text === "string" ? syllables(cleanPunctuation(toCanonical(text))) : text.accented;
  const folded = typeof text === "string" ? accented.map(foldToken) : text.folded;
  const byAccent = typeof text === "string" || text.accentedInput;
  return folded
    .map((w, i) => ((byAccent ? SELF_ACCENTED.has(accented[i] ?? "") : SELF_FOLDED.has(w)) ? SELF : w))
    .filter((w) => !FUNCTION_WORDS.has(w));
}

/** Whether the folded text contains the phrase as whole words. */
function hasPhrase(text: string, phrase: string): boolean {
  return phrase.length > 0 && ` ${text} `.includes(` ${phrase} `);
}

/** The condition without what it negates. */
function positiveCondition(condition: string | null | undefined): string {
  return (condition ?? "").normalize("NFC").toLowerCase().replace(NEGATED, " ");
}

/** Weight of each word: 1 / number of alternatives whose description has it. */
function weigh(bags: ReadonlyArray<ReadonlySet<string>>): (w: string) => number[] {
  return (w) => {
    const df = bags.filter((b) => b.has(w)).length;
    return bags.map((b) => (b.has(w) && df > 0 ? 1 / df : 0));
  };
}

/** Scores words against bags; returns the score of each bag. */
function score(bags: ReadonlyArray<ReadonlySet<string>>, words: readonly string[]): number[] {
  const w = weigh(bags);
  const total = bags.map(() => 0);
  for (const word of new Set(words)) w(word).forEach((s, i) => (total[i] = (total[i] ?? 0) + s));
  return total;
}

/** Index of the unique best score when it is clearly ahead of the others, else null. */
function clearBest(scores: readonly number[]): number | null {
  let best = -1;
  for (let i = 0; i < scores.length; i++) if (best === -1 || (scores[i] ?? 0) > (scores[best] ?? 0)) best = i;
  const top = scores[best] ?? 0;
  const second = Math.max(0, ...scores.filter((_, i) => i !== best));
  return top > 0 && top - second >= MARGIN ? best : null;
}

/** Descriptions (sets of words) of the alternatives `items` of one group line. */
export function describeAlternatives(
  p: Procedure,
  items: readonly number[],
  catalogue: ReadonlyMap<string, DocumentType>,
): Array<Set<string>> {
  const bags = items.map((i) => {
    const item = p.documents[i];
    const doc = catalogue.get(item?.doc ?? "");
    const texts = [doc?.name ?? item?.doc ?? "", ...(doc?.aliases ?? []), positiveCondition(item?.condition)];
    return new Set(texts.flatMap((t) => caseWords(t)));
  });
  // The question's parts ("bệnh viện, trạm y tế (có giấy chứng sinh)" / "sinh ở nhà") go to the
  // alternative they clearly describe; words repeated across parts are the question's frame.
  const ask = items.map((i) => p.documents[i]?.ask).find(Boolean) ?? "";
  // A part naming exactly one alternative's paper ("có giấy chứng sinh") describes that one.
  const names = items.map((i) => {
    const doc = catalogue.get(p.documents[i]?.doc ?? "");
    return [doc?.name ?? "", ...(doc?.aliases ?? [])].map(foldKey);
  });
  const texts = ask.replace(/[()]/g, " ").split(ASK_SPLIT);
  const parts = texts.map((s) => caseWords(s));
  const seen = new Map<string, number>();
  for (const part of parts) for (const w of new Set(part)) seen.set(w, (seen.get(w) ?? 0) + 1);
  const additions = parts.map((part, at) => {
    const own = part.filter((w) => (seen.get(w) ?? 0) === 1);
    const key = foldKey(texts[at] ?? "");
    const named = names.flatMap((n, i) => (n.some((phrase) => hasPhrase(key, phrase)) ? [i] : []));
    return { own, to: named.length === 1 ? (named[0] ?? null) : clearBest(score(bags, own)) };
  });
  for (const { own, to } of additions) if (to !== null) for (const w of own) bags[to]?.add(w);
  return bags;
}

/** Score of each alternative for the reply's folded syllables (index-aligned with `items`). */
export function scoreAlternatives(
  p: Procedure,
  items: readonly number[],
  catalogue: ReadonlyMap<string, DocumentType>,
  reply: AnalyzedText,
): number[] {
  return score(describeAlternatives(p, items, catalogue), caseWords(reply));
}

/** The alternative (an index into `p.documents`) the reply clearly describes, or null. */
export function pickAlternative(
  p: Procedure,
  items: readonly number[],
  catalogue: ReadonlyMap<string, DocumentType>,
  reply: AnalyzedText,
): number | null {
  const best = clearBest(scoreAlternatives(p, items, catalogue, reply));
  return best === null ? null : (items[best] ?? null);
}
