// Reads numbers a citizen types to pick an option or tick papers: "2", "số 2", "1, 3 và 5",
// "1-3", "1 đến 3". Returns 1-based numbers; nothing when the text is not just numbers.
import { foldKey } from "./normalize.js";

const FILLER = new Set(
  [
    "so",
    "chon",
    "cai",
    "muc",
    "toi",
    "tui",
    "em",
    "minh",
    "co",
    "la",
    "va",
    "voi",
    "and",
    "with",
    "number",
    "option",
    "ok",
    "a",
    "da",
    "roi",
    "nhe",
    "nha",
    "giay",
  ].map((w) => w),
);
const RANGE = new Set(["-", "–", "den", "toi", "to"]);

/** Tokens of the text with filler words removed, keeping digits and range words. */
function tokens(text: string): string[] {
  const spaced = text.replace(/(\d)\s*[-–]\s*(\d)/g, "$1 - $2").replace(/[,;:.+&!?()]/g, " ");
  return spaced
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => (t === "-" || t === "–" ? t : foldKey(t)))
    .filter((t) => t.length > 0 && (!FILLER.has(t) || t === "toi"));
}

/** The single number the text is made of ("2", "số 2", "chọn 2 ạ"), or null. */
export function parsePick(text: string): number | null {
  const rest = tokens(text).filter((t) => t !== "toi");
  return rest.length === 1 && /^\d{1,2}$/.test(rest[0] ?? "") ? Number(rest[0]) : null;
}

/** Numbers of a list ("1 3", "1, 3 và 5", "1-3", "1 đến 3"); null when anything else is in the text. */
export function parseNumberList(text: string): number[] | null {
  const rest = tokens(text);
  const out = new Set<number>();
  let pendingRange = false;
  let last: number | null = null;
  let any = false;
  for (const t of rest) {
    if (/^\d{1,2}$/.test(t)) {
      const n = Number(t);
      if (pendingRange && last !== null)
        for (let k = Math.min(last, n); k <= Math.max(last, n); k++) out.add(k);
      else out.add(n);
      last = n;
      pendingRange = false;
      any = true;
    } else if (RANGE.has(t) && last !== null) pendingRange = true;
    else if (t === "toi")
      continue; // "tôi" (I) or "tới" (to) — harmless either way
    else return null;
  }
  return any && !pendingRange ? [...out].sort((a, b) => a - b) : null;
}
