// Redaction of number-shaped personal data: e-mail addresses, citizen id numbers (12 digits), old
// id numbers (9 digits) and phone numbers. Dossier codes ("H29.31-240315-0001") and amounts are kept.
import { REDACTION_LABELS as L, type Placeholders } from "./placeholders.js";

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** <agency code with a letter group>-<yymmdd>-<sequence>, see src/core/nlu/dossier-code.ts. */
const DOSSIER_CODE = /(?<![0-9A-Za-z.])([0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)\s*-\s*\d{6}\s*-\s*\d{4,5}(?!\d)/g;
/** A maximal run of digits joined by single spaces, dots or dashes, optionally after "+". */
const DIGIT_RUN = /(?<![\p{N}+])(?<!\p{N}[ .-])\+?\d+(?:[ .-]\d+)*(?![ .-]?\p{N})/gu;
/** A run followed by a currency or percent is an amount, not an identifier. */
const AMOUNT_UNIT = /^\s?(?:đồng|đ|vnđ|vnd|usd|triệu|nghìn|ngàn|tỷ|tỉ|k|%)(?!\p{L})/iu;

/** Replaces e-mail addresses by a placeholder. */
export function maskEmails(text: string, slots: Placeholders): string {
  return text.replace(EMAIL, () => slots.put(L.email));
}

/** Protects dossier / receipt codes from the digit rules (they are not personal data). */
export function protectDossierCodes(text: string, slots: Placeholders): string {
  return text.replace(DOSSIER_CODE, (whole, agency: string) =>
    /[A-Za-z]/.test(agency) ? slots.put(whole) : whole,
  );
}

/** The label for one digit group, or null when it is no identifier (a date, a short number). */
function classify(raw: string): string | null {
  const digits = raw.replace(/\D/g, "");
  const n = digits.length;
  if (raw.startsWith("+")) return n >= 8 && n <= 15 ? L.phone : null;
  if (n === 12) return digits.startsWith("84") ? L.phone : L.citizenId;
  if (n === 11) return digits.startsWith("84") || digits.startsWith("0") ? L.phone : null;
  if (n === 10) return digits.startsWith("0") ? L.phone : null;
  return n === 9 ? L.oldId : null;
}

/** The longest chunks[start..end) that reads as an identifier, or null. */
function longestIdentifier(chunks: readonly string[], start: number): { label: string; end: number } | null {
  for (let end = chunks.length; end > start; end--) {
    const label = classify(chunks.slice(start, end).join(" "));
    if (label !== null) return { label, end };
  }
  return null;
}

/** Splits a space-joined run greedily (longest identifier first) so "0912345678 123" still hides the phone. */
function redactRun(run: string, slots: Placeholders): string {
  const chunks = run.split(" ");
  const out: string[] = [];
  for (let i = 0; i < chunks.length;) {
    const found = longestIdentifier(chunks, i);
    if (found === null) out.push(chunks[i++] ?? "");
    else {
      out.push(slots.put(found.label));
      i = found.end;
    }
  }
  return out.join(" ");
}

/** Replaces citizen id, old id and phone numbers (spaces, dots, dashes allowed) by placeholders. */
export function maskIdentityNumbers(text: string, slots: Placeholders): string {
  return text.replace(DIGIT_RUN, (run: string, offset: number) =>
    AMOUNT_UNIT.test(text.slice(offset + run.length)) ? run : redactRun(run, slots),
  );
}
