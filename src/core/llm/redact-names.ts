// Redaction of names and form values: values the user typed (matched without case or accents) and
// names introduced in the text ("tôi tên là Nguyễn Văn An", "my name is John Smith").
import { REDACTION_LABELS as L, type Placeholders } from "./placeholders.js";
import { foldedView, lowerView, wholeWords } from "./text-view.js";

const PRONOUN = "(?:toi|em|minh|chau|con|be|anh|chi|ong|ba|me|bo|vo|chong|ban)";
/** Introductions after which the next words are a name even when typed in lower case. */
const STRONG_INTRO = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:ten\s+(?:cua\s+)?${PRONOUN}\s+la|ten\s+la|(?:ho\s+(?:va\s+)?)?ten\s*:|my\s+name\s+is|(?:full\s+)?name\s*:)(?:(?<=:)|(?![\p{L}\p{N}]))[ \t]*`,
  "gu",
);
/** Introductions followed by a name only when it is capitalised ("tôi tên Lan", "họ tên Trần Bình"). */
const WEAK_INTRO = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${PRONOUN}\s+ten|ho\s+(?:va\s+)?ten)[ \t]+`,
  "gu",
);
const WORD = /[ \t]*(\p{L}[\p{L}'’-]*)/uy;
const MAX_CAPITALISED = 5;
const MAX_LOWER = 4;
/** Words that end a lower-case name ("tôi tên là an muốn làm…"). */
const STOP = new Set(
  (
    "muốn muon cần can đang dang ở sinh làm lam hỏi hoi xin và thì nhé nhe ạ nha năm tuổi tuoi hiện sống có để " +
    "cho tại từ là gì gi sao want need and from live am would to i is what"
  ).split(" "),
);

/** Where the name after `start` ends, or `start` when there is none. */
function nameEnd(text: string, start: number, lowerAllowed: boolean): number {
  let end = start;
  let capitalised = 0;
  let lower = 0;
  for (WORD.lastIndex = start; ;) {
    const m = WORD.exec(text);
    const word = m?.[1];
    if (!m || !word) break;
    const isCapital = /^\p{Lu}/u.test(word);
    if (isCapital && lower === 0 && capitalised < MAX_CAPITALISED) capitalised++;
    else if (!isCapital && lowerAllowed && capitalised === 0 && lower < MAX_LOWER) {
      if (STOP.has(word.toLowerCase())) break;
      lower++;
    } else break;
    end = WORD.lastIndex;
  }
  return end;
}

function redactAfter(text: string, intro: RegExp, lowerAllowed: boolean, slots: Placeholders): string {
  const view = foldedView(text);
  let out = "";
  let last = 0;
  for (const m of view.matchAll(intro)) {
    const start = m.index + m[0].length;
    if (m.index < last) continue;
    const end = nameEnd(text, start, lowerAllowed);
    if (end === start) continue;
    out += text.slice(last, start) + slots.put(L.name);
    last = end;
  }
  return out + text.slice(last);
}

/** Replaces names introduced in the text ("tên tôi là …", "my name is …") by a placeholder. */
export function maskIntroducedNames(text: string, slots: Placeholders): string {
  return redactAfter(redactAfter(text, STRONG_INTRO, true, slots), WEAK_INTRO, false, slots);
}

function replaceIn(text: string, view: string, pattern: RegExp, token: string): string {
  let out = "";
  let last = 0;
  for (const m of view.matchAll(pattern)) {
    out += text.slice(last, m.index) + token;
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

/**
 * Replaces every value in `known` (case and accents ignored, whole words). Single short words
 * ("Nam", "An") keep their accents so "năm" or "ăn" in the text are not taken for them.
 */
export function maskKnownValues(text: string, known: readonly string[], slots: Placeholders): string {
  const values = [...new Set(known.map((v) => v.normalize("NFC").trim()))]
    .filter((v) => (v.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= 2)
    .sort((a, b) => b.length - a.length);
  const token = slots.put(L.info);
  let out = text;
  for (const value of values) {
    const short = !/\s/.test(value) && value.length <= 3;
    const view = short ? lowerView : foldedView;
    out = replaceIn(out, view(out), wholeWords(view(value)), token);
  }
  return out;
}
