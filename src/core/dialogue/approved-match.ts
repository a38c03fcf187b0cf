// Whether a citizen's question means the same as a question staff approved an answer for. Serving a
// reviewed answer to a different question is worse than missing a match (the generated answer from
// the knowledge base is then given), so the rule is deliberately strict:
//  1. near-identical wording: Jaccard ≥ 0.8 of the meaningful folded tokens (lexicon expanded,
//     politeness fillers dropped), the same question intents, and every differing token a harmless
//     procedural word ("làm", "giấy", "thủ tục"); one differing word that carries meaning ("sinh ở
//     nhà" / "ở bệnh viện", "quá hạn" / "đúng hạn", "cấp lại", "online") never matches;
//  2. or the same question about the same procedure: same procedure, the same non-empty set of
//     question intents (fee, time, where…) and the same leftover words once the procedure's names,
//     the intent phrases and harmless words are taken out ("lệ phí khai sinh" ≠ "… quá hạn"); words
//     picking a case ("lại", "mới", "đổi", "mất", "quá hạn") count even inside a procedure's name.
import type { IntentName, Procedure } from "../knowledge/index.js";
import { analyze, foldKey, isMarked, type AnalyzedText, type PhraseMatcher } from "../nlu/index.js";
import { QUESTION_INTENTS } from "./question-turn.js";
import type { Nlu } from "./understand.js";

/** What a question asks, as compared by `matchScore`. */
export interface QuestionKey {
  /** Meaningful folded tokens (fillers removed). */
  readonly tokens: ReadonlySet<string>;
  readonly intents: ReadonlySet<IntentName>;
  /** Meaningful tokens explained neither by the procedure's names, the intent phrases nor HARMLESS. */
  readonly residual: ReadonlySet<string>;
  readonly procedure: string | null;
}

/** Jaccard similarity from which rule 1 matches. */
export const MIN_JACCARD = 0.8;

/** Pronouns, particles and politeness that never change a question ("cho em hỏi … ạ"). */
const FILLER = new Set(
  "tôi tui mình em anh chị bạn ạ à ơi nhé nha nhỉ hả vậy thì là mà cho hỏi muốn xin được có gì dạ vâng ok ad giúp giùm dùm với của này".split(
    " ",
  ),
);
/** The same fillers typed without accents, only where the bare form is not also a topical word. */
const FILLER_PLAIN = new Set(
  "toi tui em anh a oi nhe cho xin duoc gi ok ad giup gium dum cua voi".split(" "),
);
/**
 * Folded procedural words that never change which question is asked ("làm giấy khai sinh" = "khai
 * sinh"). Other generic words do ("lại", "lần đầu", "mất", "xã", "tỉnh", "online"): not listed.
 */
export const HARMLESS = new Set(
  "thu tuc hanh chinh lam giay to ho so can nhung gi gom phai cach the nao nhu dang ki".split(" "),
);
/** Question words: what they ask is compared as intents, so they are not leftover words (rule 2). */
const QUESTION_WORDS = new Set("bao nhieu lau may dau nao sao".split(" "));

/** A filler by its accented form, or — typed without accents — by an unambiguous bare form. */
function isFiller(text: AnalyzedText, i: number): boolean {
  const accented = text.accented[i] ?? "";
  return FILLER.has(accented) || (!isMarked(accented) && FILLER_PLAIN.has(text.folded[i] ?? ""));
}

/**
 * Folded words that pick a case of a procedure even when its name contains them ("Cấp thẻ căn cước
 * (cấp mới, cấp đổi, cấp lại)"): "cấp lại căn cước" is not the question "cấp căn cước" was.
 */
const QUALIFIERS = new Set("lai moi doi mat hong qua han lan dau ngoai".split(" "));

/** Folded words of every name and alias of each procedure, qualifiers excepted (they "name" it). */
export function procedureVocabulary(procedures: readonly Procedure[]): Map<string, Set<string>> {
  const words = (p: Procedure) =>
    [p.name, p.name_en, ...p.aliases, ...p.aliases_en].flatMap((n) => foldKey(n).split(" "));
  return new Map(procedures.map((p) => [p.slug, new Set(words(p).filter((w) => !QUALIFIERS.has(w)))]));
}

/** The key of a question, given the procedure it resolved to (null when none). */
export function questionKey(
  intentsMatcher: PhraseMatcher<IntentName>,
  vocabulary: ReadonlyMap<string, ReadonlySet<string>>,
  text: AnalyzedText,
  procedure: string | null,
): QuestionKey {
  const spans = intentsMatcher.find(text).filter((m) => QUESTION_INTENTS.has(m.key));
  const inIntent = new Set(
    spans.flatMap((m) => Array.from({ length: m.end - m.start }, (_, k) => m.start + k)),
  );
  const names = procedure ? vocabulary.get(procedure) : undefined;
  const tokens = new Set<string>();
  const residual = new Set<string>();
  text.folded.forEach((token, i) => {
    if (isFiller(text, i)) return;
    tokens.add(token);
    const explained =
      HARMLESS.has(token) || QUESTION_WORDS.has(token) || inIntent.has(i) || names?.has(token);
    if (!explained) residual.add(token);
  });
  return { tokens, intents: new Set(spans.map((m) => m.key)), residual, procedure };
}

const sameSet = <T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean =>
  a.size === b.size && [...a].every((x) => b.has(x));

/** Rule 1: Jaccard of the token sets when intents agree and every differing token is harmless; else 0. */
function nearIdentical(a: QuestionKey, q: QuestionKey): number {
  if (a.tokens.size === 0 || q.tokens.size === 0 || !sameSet(a.intents, q.intents)) return 0;
  let shared = 0;
  for (const token of a.tokens) {
    if (q.tokens.has(token)) shared++;
    else if (!HARMLESS.has(token)) return 0;
  }
  for (const token of q.tokens) if (!a.tokens.has(token) && !HARMLESS.has(token)) return 0;
  const jaccard = shared / (a.tokens.size + q.tokens.size - shared);
  return jaccard >= MIN_JACCARD ? jaccard : 0;
}

/** Rule 2: same procedure, same non-empty question intents, same leftover topical words. */
function sameProcedureQuestion(a: QuestionKey, q: QuestionKey): boolean {
  return (
    a.procedure !== null &&
    a.procedure === q.procedure &&
    a.intents.size > 0 &&
    sameSet(a.intents, q.intents) &&
    sameSet(a.residual, q.residual)
  );
}

/** How well an approved question matches (0 = not the same question; rule 1 beats rule 2). */
export function matchScore(a: QuestionKey, q: QuestionKey): number {
  const near = nearIdentical(a, q);
  if (near > 0) return 1 + near;
  return sameProcedureQuestion(a, q) ? 1 : 0;
}

/** The key of a stored question text: its procedure is the one given, else the one it names outright. */
export function approvedQuestionKey(
  nlu: Nlu,
  vocabulary: ReadonlyMap<string, ReadonlySet<string>>,
  question: string,
  procedure: string | null,
): QuestionKey {
  const text = analyze(question.normalize("NFC").trim(), nlu.lexicon);
  const named = [
    ...new Set(
      nlu.names
        .find(text)
        .filter((m) => m.key.startsWith("proc:"))
        .map((m) => m.key.slice(5)),
    ),
  ];
  const resolved = procedure ?? (named.length === 1 ? (named[0] ?? null) : null);
  return questionKey(nlu.intents, vocabulary, text, resolved);
}
