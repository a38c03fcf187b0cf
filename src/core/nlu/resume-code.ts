// Resume codes ("mã tiếp tục"): six characters from an alphabet without look-alikes, made from random
// bytes, and reading "tiếp tục ABC234" / "/tieptuc abc 234" / "continue ABC234" back from a message.
import { cleanPunctuation, foldDiacritics, toCanonical } from "./normalize.js";

/** Letters and digits a reader cannot confuse: no 0/O, 1/I/L (31 characters). */
export const RESUME_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/** Characters of a resume code. */
export const RESUME_CODE_LENGTH = 6;

/** Bytes at or above this are dropped so every character is equally likely (8 × 31). */
const UNBIASED_LIMIT = Math.floor(256 / RESUME_ALPHABET.length) * RESUME_ALPHABET.length;

/** Every code has a digit and a letter, so a plain word after "tiếp tục" is never read as a code. */
function wellFormed(code: string): boolean {
  return /[2-9]/.test(code) && /[A-Z]/.test(code);
}

/**
 * A fresh code from `random(n)` (n random bytes, e.g. crypto.getRandomValues): uniform over the
 * alphabet, carrying no information about the conversation or the person.
 */
export function makeResumeCode(random: (size: number) => Uint8Array): string {
  for (;;) {
    let code = "";
    while (code.length < RESUME_CODE_LENGTH) {
      for (const byte of random(16)) {
        if (byte < UNBIASED_LIMIT && code.length < RESUME_CODE_LENGTH)
          code += RESUME_ALPHABET[byte % RESUME_ALPHABET.length] ?? "";
      }
    }
    if (wellFormed(code)) return code;
  }
}

/** What a message says about a resume code. */
export type ResumeCommand =
  /** "tiếp tục ABC234": a code in the right shape (whether it exists is for the store to say). */
  | { readonly kind: "code"; readonly code: string }
  /** "tiếp tục ABC123": six letters and digits that can never be a code (0, 1, I, L, O). */
  | { readonly kind: "malformed" };

/** "tiếp tục", "tieptuc", "/tieptuc" (optionally "@bot"), "mã tiếp tục", "continue", "resume". */
const COMMAND = /^(?:ma\s+)?(?:\/?tiep\s*tuc|\/?continue|\/?resume)(?:@\w+)?\s*[:-]?\s*(.*)$/;
/** Six letters or digits, with at most one space, dot or dash between any two ("ABC 234"). */
const CODE_SHAPE = /^[a-z0-9](?:[\s.-]?[a-z0-9]){5}$/;

/**
 * Reads a resume code command: the command word followed by exactly a six-character code (lower
 * case, spaces and missing diacritics tolerated). Null for anything else ("tiếp tục điền tờ khai").
 */
export function parseResumeCommand(text: string): ResumeCommand | null {
  const folded = foldDiacritics(toCanonical(text)).trim();
  const rest = COMMAND.exec(folded)?.[1]?.trim();
  if (!rest || !CODE_SHAPE.test(rest)) return null;
  const code = cleanPunctuation(rest).replace(/\s+/g, "").toUpperCase();
  if (!/[0-9]/.test(code)) return null;
  const valid = [...code].every((ch) => RESUME_ALPHABET.includes(ch)) && wellFormed(code);
  return valid ? { kind: "code", code } : { kind: "malformed" };
}
