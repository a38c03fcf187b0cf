// Redaction of names: introduced ("tôi tên là Nguyễn Văn An", "my name is John"), addressed with a
// kinship word ("chị Bích", "anh Tuấn ơi", "bé Na") and full names with a family name ("Trần Thị Bình").
import { REDACTION_LABELS as L, type Placeholders } from "./placeholders.js";
import { foldedView, lowerView } from "./text-view.js";
import {
  ADDRESS_CUE,
  isAddressWord,
  isAscii,
  isUnaccentedCue,
  SELF_CUE,
  startsNonName,
  SURNAME_CUE,
} from "./name-cues.js";

const PRONOUN = "(?:toi|em|minh|chau|con|be|anh|chi|ong|ba|me|bo|vo|chong|ban)";
/** Introductions after which the next words are a name even when typed in lower case. */
const STRONG_INTRO = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:ten\s+(?:cua\s+)?${PRONOUN}\s+la|ten\s+la|(?:ho\s+(?:va\s+)?)?ten\s*:|my\s+name\s+is|(?:full\s+)?name\s*:)(?:(?<=:)|(?![\p{L}\p{N}]))[ \t]*`,
  "gu",
);
/** "tên" followed by a name only when it is capitalised ("tôi tên Lan", "họ tên Trần Bình"). */
const WEAK_INTRO = /(?<![\p{L}\p{N}])ten[ \t]+/gu;
const WORD = /[ \t]*(\p{L}[\p{L}'’-]*)/uy;
const NEXT_WORD = /[ \t]*(\p{L}[\p{L}'’-]*)/uy;
const MAX_CAPITALISED = 5;
const MAX_LOWER = 4;
/** Words that end a lower-case name ("tôi tên là an muốn làm…"). */
const STOP = new Set(
  (
    "muốn muon cần can đang dang ở sinh làm lam hỏi hoi xin và thì nhé nhe ạ nha năm tuổi tuoi hiện sống có để " +
    "cho tại từ là gì gi sao want need and from live am would to i is what"
  ).split(" "),
);

/** How the words after a cue are read as a name. */
interface NameRule {
  /** Lower-case words may form the name (only after "tên là", "my name is"…). */
  lower: boolean;
  /** At most this many capitalised words. */
  max: number;
  /** At least this many words, or no name. */
  min: number;
  /** Only words typed without accents (the cue was typed without them). */
  ascii: boolean;
  /** The first word may not be an address word ("Anh Chị cần gì"). */
  notAddress: boolean;
}

const RULE: NameRule = { lower: false, max: MAX_CAPITALISED, min: 1, ascii: false, notAddress: false };

function isCapitalisedName(text: string, word: string, at: number, rule: NameRule): boolean {
  return /^\p{Lu}/u.test(word) && (!rule.ascii || isAscii(word)) && !startsNonName(text, at);
}

function isLowerName(word: string, rule: NameRule): boolean {
  return rule.lower && !/^\p{Lu}/u.test(word) && !STOP.has(word.toLowerCase());
}

/** An address word starts a name only before a name word: "chị Anh Thư", not "Anh Chị cần gì". */
function isBareAddress(text: string, word: string, end: number, rule: NameRule): boolean {
  if (!isAddressWord(word)) return false;
  NEXT_WORD.lastIndex = end;
  const next = NEXT_WORD.exec(text)?.[1];
  const at = NEXT_WORD.lastIndex - (next?.length ?? 0);
  return !next || isAddressWord(next) || !isCapitalisedName(text, next, at, rule);
}

/** Where the name starting at `start` ends, and how many words it has. */
function nameSpan(text: string, start: number, rule: NameRule): { end: number; words: number } {
  let end = start;
  let capitalised = 0;
  let lower = 0;
  for (WORD.lastIndex = start; ;) {
    const m = WORD.exec(text);
    const word = m?.[1];
    if (!m || !word) break;
    if (rule.notAddress && end === start && isBareAddress(text, word, WORD.lastIndex, rule)) break;
    const at = WORD.lastIndex - word.length;
    if (lower === 0 && capitalised < rule.max && isCapitalisedName(text, word, at, rule)) capitalised++;
    else if (capitalised === 0 && lower < MAX_LOWER && isLowerName(word, rule)) lower++;
    else break;
    end = WORD.lastIndex;
  }
  return { end, words: capitalised + lower };
}

/** Where a name is looked for, and how; `rule` returns null when the cue does not count. */
interface Cue {
  pattern: RegExp;
  view: (text: string) => string;
  /** The name starts at the cue (a family name) instead of after it. */
  within: boolean;
  rule: (cue: string) => NameRule | null;
}

function maskAfter(text: string, cue: Cue, slots: Placeholders): string {
  let out = "";
  let last = 0;
  for (const m of cue.view(text).matchAll(cue.pattern)) {
    if (m.index < last) continue;
    const rule = cue.rule(text.slice(m.index, m.index + m[0].length));
    const start = cue.within ? m.index : m.index + m[0].length;
    const span = rule ? nameSpan(text, start, rule) : { end: start, words: 0 };
    if (!rule || span.words < rule.min) continue;
    out += text.slice(last, start) + slots.put(L.name);
    last = span.end;
  }
  return out + text.slice(last);
}

/** The cue's first word in capitals ("CHỊ CẦN LÀM HỘ CHIẾU") says nothing about names. */
const shouted = (cue: string): boolean => /^\p{Lu}{2,}(?!\p{L})/u.test(cue);
const firstWord = (cue: string): string => /^\p{L}+/u.exec(cue)?.[0] ?? "";

function kinshipRule(cue: string): NameRule | null {
  if (shouted(cue)) return null;
  return { ...RULE, max: 4, ascii: isUnaccentedCue(firstWord(cue)), notAddress: true };
}

function surnameRule(cue: string): NameRule | null {
  return shouted(cue) ? null : { ...RULE, min: 2, ascii: isUnaccentedCue(cue) };
}

const CUES: readonly Cue[] = [
  { pattern: STRONG_INTRO, view: foldedView, within: false, rule: () => ({ ...RULE, lower: true }) },
  { pattern: WEAK_INTRO, view: foldedView, within: false, rule: () => RULE },
  { pattern: SELF_CUE, view: foldedView, within: false, rule: (c) => (shouted(c) ? null : RULE) },
  { pattern: ADDRESS_CUE, view: lowerView, within: false, rule: kinshipRule },
  { pattern: SURNAME_CUE, view: lowerView, within: true, rule: surnameRule },
];

/**
 * Replaces names by a placeholder: after introductions ("tên tôi là …", "tôi là Minh", "my name is …"),
 * capitalised words after a kinship word ("chị Bích", "ông Sáu") and full names ("Nguyễn Thị Bích").
 * Procedure, paper and office names ("Hộ chiếu", "Giấy khai sinh", "Công an") are kept.
 */
export function maskIntroducedNames(text: string, slots: Placeholders): string {
  return CUES.reduce((out, cue) => maskAfter(out, cue, slots), text);
}
