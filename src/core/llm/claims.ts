// Extracts checkable claims from a text: money amounts and durations, each with a normalised key
// ("vnd:50000", "workday:3") so "50.000đ" and "50 nghìn đồng" or "03 ngày" and "3 ngày" compare equal.
import { foldedView, lowerView } from "./text-view.js";

/** One claim found in a text: what was written and its normalised key. */
export interface Claim {
  readonly text: string;
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

const NUM = String.raw`\d+(?:[.,]\d+)*`;
const RANGE = String.raw`(${NUM})(?:\s*(?:-|–|den|toi|to)\s*(${NUM}))?`;
const END = String.raw`(?![\p{L}\p{N}])`;
const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  nghin: 1e3,
  ngan: 1e3,
  trieu: 1e6,
  tr: 1e6,
  ty: 1e9,
  ti: 1e9,
};
const MONEY = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,])(?:(?:us)?\$\s?(${NUM})|${RANGE}\s*(?:(k|nghin|ngan|trieu|tr|ty|ti)(?!\p{L})(?:\s*(dong|vnd|d|usd))?|(dong|vnd|d|usd|dollars?|do la|do)))${END}`,
  "gu",
);
const DURATION_UNITS: ReadonlyArray<[string, string]> = [
  ["ngay lam viec|working days?|business days?", "workday"],
  ["ngay|days?", "day"],
  ["tuan|weeks?", "week"],
  ["thang|months?", "month"],
  ["nam|years?", "year"],
  ["gio|tieng|hours?", "hour"],
  ["phut|minutes?", "minute"],
];
const UNIT_ALT = DURATION_UNITS.map(([alt]) => alt).join("|");
const DURATION = new RegExp(String.raw`(?<![\p{L}\p{N}.,])${RANGE}\s*(${UNIT_ALT})${END}`, "gu");
/** Number words, read on the accented text only: folded "sau"/"tu" would also be "sau"/"từ". */
const NUMBER_WORDS: Record<string, number> = {
  "ba mươi": 30,
  "hai mươi": 20,
  "mười lăm": 15,
  "mười hai": 12,
  mười: 10,
  một: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
  thirty: 30,
  twenty: 20,
  fifteen: 15,
  twelve: 12,
  ten: 10,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const WORD_DURATION = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${Object.keys(NUMBER_WORDS).join("|")})\s+(ngày làm việc|ngày|tuần|tháng|năm|giờ|tiếng|phút|working days?|business days?|days?|weeks?|months?|years?|hours?|minutes?)${END}`,
  "gu",
);

/** "50.000" → 50000, "1,5" → 1.5, "1.500.000" → 1500000, "2.5" → 2.5 (3-digit groups are thousands). */
export function parseNumber(raw: string): number {
  const lastSep = Math.max(raw.lastIndexOf("."), raw.lastIndexOf(","));
  const mixed = raw.includes(".") && raw.includes(",");
  const groups = raw.split(/[.,]/).slice(1);
  const thousands = !mixed && groups.every((g) => g.length === 3);
  if (lastSep < 0 || thousands) return Number(raw.replace(/[.,]/g, ""));
  return Number(`${raw.slice(0, lastSep).replace(/[.,]/g, "")}.${raw.slice(lastSep + 1)}`);
}

const round = (n: number): string => String(Math.round(n * 100) / 100);

function durationUnit(written: string): string {
  const unit = written
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d");
  return DURATION_UNITS.find(([alt]) => new RegExp(`^(?:${alt})$`).test(unit))?.[1] ?? unit;
}

function claims(text: string, view: string, re: RegExp, keys: (m: RegExpExecArray) => string[]): Claim[] {
  return [...view.matchAll(re)].flatMap((m) => {
    const end = m.index + m[0].length;
    return keys(m).map((key) => ({ text: text.slice(m.index, end), key, start: m.index, end }));
  });
}

/** Money amounts ("50.000 đồng", "50k", "1,5 triệu", "$10", "10 USD"), keyed "vnd:50000" / "usd:10". */
export function moneyClaims(text: string): Claim[] {
  const nfc = text.normalize("NFC");
  return claims(nfc, foldedView(nfc), MONEY, (m) => {
    const [, dollars, from, to, multiplier, afterMultiplier, currency] = m;
    if (dollars) return [`usd:${round(parseNumber(dollars))}`];
    const cur = /^(usd|dollars?|do la|do)$/.test(afterMultiplier ?? currency ?? "") ? "usd" : "vnd";
    const factor = multiplier ? (MULTIPLIERS[multiplier] ?? 1) : 1;
    return [from, to].filter((n): n is string => !!n).map((n) => `${cur}:${round(parseNumber(n) * factor)}`);
  });
}

/** Durations and deadlines ("5 ngày", "03 ngày làm việc", "2 tuần", "hai tuần"), keyed "workday:3". */
export function durationClaims(text: string): Claim[] {
  const nfc = text.normalize("NFC");
  const digits = claims(nfc, foldedView(nfc), DURATION, (m) => {
    const unit = durationUnit(m[3] ?? "");
    return [m[1], m[2]].filter((n): n is string => !!n).map((n) => `${unit}:${round(parseNumber(n))}`);
  });
  const words = claims(nfc, lowerView(nfc), WORD_DURATION, (m) => [
    `${durationUnit(m[2] ?? "")}:${NUMBER_WORDS[m[1] ?? ""] ?? 0}`,
  ]);
  return [...digits, ...words];
}
