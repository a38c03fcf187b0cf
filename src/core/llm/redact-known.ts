// Redaction of the values the user typed into forms ("Nguyễn Thị Hoa", "12 Lê Lợi"), found in later
// messages whole-word, without case or accents.
import { REDACTION_LABELS as L, type Placeholders } from "./placeholders.js";
import { foldedView, lowerView, wholeWords } from "./text-view.js";

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
