// Checks that a model-worded answer adds nothing to the facts it was given: no amount, duration,
// document name, link or long number (phone, code, date) that the facts do not contain.
import { cleanPunctuation, foldKey, hasDiacritics, toCanonical } from "../nlu/normalize.js";
import { durationClaims, moneyClaims, type Claim } from "./claims.js";
import { outcomeProblems } from "./outcome-claims.js";

/** What `checkGrounded` found; `problems` is empty exactly when `ok` is true. */
export interface GroundingCheck {
  readonly ok: boolean;
  readonly problems: string[];
}

/** Longer answers are rejected: a citizen-facing answer must stay short (and fit every channel). */
export const MAX_ANSWER_CHARS = 2_500;

const URL = /(?:https?:\/\/|www\.)[^\s<>()"'[\]]+/giu;
const DOMAIN =
  /(?<![\p{L}\p{N}@./-])(?:[a-z0-9-]+\.)+(?:vn|com|net|org|gov|edu|info|io)(?:\/[^\s<>()"'[\]]*)?(?![\p{L}\p{N}-])/giu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const DIGIT_RUN = /(?<![\p{N}])(?<!\p{N}[ .-])\d+(?:[ .-]\d+)*(?![ .-]?\p{N})/gu;
/** Numbers this long are phone numbers, codes or dates: they must be copied, never invented. */
const LONG_NUMBER_DIGITS = 6;

type Span = readonly [number, number];

function ungrounded(kind: string, said: readonly Claim[], known: readonly Claim[]): string[] {
  const keys = new Set(known.map((c) => c.key));
  const missing = said.filter((c) => !keys.has(c.key)).map((c) => `${kind} not in the facts: "${c.text}"`);
  return [...new Set(missing)];
}

function documentProblems(answer: string, facts: string, names: readonly string[]): string[] {
  const folded = ` ${foldKey(answer)} `;
  const accented = hasDiacritics(answer) ? ` ${cleanPunctuation(toCanonical(answer))} ` : null;
  const factKey = ` ${foldKey(facts)} `;
  return [...new Set(names)]
    .filter((name) => {
      const key = foldKey(name);
      if (!key || factKey.includes(` ${key} `)) return false;
      // One-word names keep their accents in accented text: "ảnh" (photo) is not "anh" (you).
      if (accented !== null && !key.includes(" "))
        return accented.includes(` ${cleanPunctuation(toCanonical(name))} `);
      return folded.includes(` ${key} `);
    })
    .map((name) => `document not in the facts: "${name}"`);
}

function normaliseLink(link: string): string {
  return link
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\/+$/, "");
}

/** Links, bare domains and e-mail addresses of a text, with where they are. */
function links(text: string): Array<{ text: string; span: Span }> {
  const found: Array<{ text: string; span: Span }> = [];
  let rest = text;
  for (const re of [EMAIL, URL, DOMAIN])
    rest = rest.replace(re, (m: string, at: number) => {
      const link = m.replace(/[.,;:!?]+$/, "");
      found.push({ text: link, span: [at, at + link.length] });
      return " ".repeat(m.length);
    });
  return found;
}

function linkProblems(said: ReturnType<typeof links>, facts: string): string[] {
  const known = new Set(
    links(facts).flatMap((l) => [normaliseLink(l.text), normaliseLink(l.text).split("/")[0]]),
  );
  const missing = said.filter((l) => !known.has(normaliseLink(l.text)));
  return [...new Set(missing.map((l) => `link not in the facts: "${l.text}"`))];
}

function numberProblems(answer: string, facts: string, checked: readonly Span[]): string[] {
  const known = [...facts.matchAll(DIGIT_RUN)].map((m) => m[0].replace(/\D/g, ""));
  const missing = [...answer.matchAll(DIGIT_RUN)].filter((m) => {
    const digits = m[0].replace(/\D/g, "");
    const end = m.index + m[0].length;
    if (digits.length < LONG_NUMBER_DIGITS || checked.some(([s, e]) => m.index < e && end > s)) return false;
    return !known.some((k) => k.includes(digits));
  });
  return [...new Set(missing.map((m) => `number not in the facts: "${m[0]}"`))];
}

/**
 * Accepts `answer` only when every amount, duration, catalogue document name (whole words, accents
 * and case ignored), link, long number and promise about the citizen's case ("đã được duyệt") in it
 * also appears in `facts`, and it is 1–2,500 characters.
 */
export function checkGrounded(
  answer: string,
  facts: string,
  catalogueNames: readonly string[],
): GroundingCheck {
  const text = answer.normalize("NFC").trim();
  if (!text) return { ok: false, problems: ["empty answer"] };
  const known = facts.normalize("NFC");
  const problems: string[] = [];
  if (text.length > MAX_ANSWER_CHARS)
    problems.push(`answer too long: ${text.length} > ${MAX_ANSWER_CHARS} characters`);
  const money = moneyClaims(text);
  const durations = durationClaims(text);
  const said = links(text);
  problems.push(
    ...ungrounded("amount", money, moneyClaims(known)),
    ...ungrounded("duration", durations, durationClaims(known)),
    ...documentProblems(text, known, catalogueNames),
    ...linkProblems(said, known),
    ...outcomeProblems(text, known),
    ...numberProblems(
      text,
      known,
      [...money, ...durations].map((c): Span => [c.start, c.end]).concat(said.map((l) => l.span)),
    ),
  );
  return { ok: problems.length === 0, problems };
}
