// Index-preserving views of a text for accent/case-insensitive matching: every UTF-16 unit of the
// view sits at the same index as in the NFC text, so a match in the view can be cut from the text.
import { foldDiacritics } from "../nlu/normalize.js";

function view(text: string, map: (ch: string) => string): string {
  let out = "";
  for (const ch of text) {
    const mapped = map(ch);
    out += mapped.length === ch.length ? mapped : ch;
  }
  return out;
}

/** Lower-cased, diacritic-free (đ→d) view of NFC `text`, same length and indices. */
export function foldedView(text: string): string {
  return view(text, (ch) => foldDiacritics(ch).toLowerCase());
}

/** Lower-cased accented view of NFC `text`, same length and indices. */
export function lowerView(text: string): string {
  return view(text, (ch) => ch.toLowerCase());
}

/** Escapes a literal for use inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A pattern matching `phrase` as whole words, any run of white space between its words. */
export function wholeWords(phrase: string): RegExp {
  const words = phrase.split(/\s+/).filter(Boolean).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join("\\s+")}(?![\\p{L}\\p{N}])`, "gu");
}
