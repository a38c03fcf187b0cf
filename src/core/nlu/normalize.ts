// Vietnamese text normalisation: NFC, lower-case, punctuation clean-up and diacritic folding (đ→d).
// Pure string functions used by the lexicon, the tokenizer, the retriever and the KB checks.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const VIETNAMESE_MARKED =
  /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]/;
const CONSONANT_Y = /\b([bcdghklmnpqrstvx]{1,3})y\b/g;

/** NFC + Vietnamese lower-case; the canonical accented form every other step starts from. */
export function toCanonical(text: string): string {
  // Vietnamese has no locale-specific case rules, so the fast locale-free lower-casing is exact.
  return text.normalize("NFC").toLowerCase();
}

/** Removes every diacritic and maps đ→d: "Đăng ký khai sinh" → "dang ky khai sinh". */
export function foldDiacritics(text: string): string {
  return text.normalize("NFD").replace(COMBINING_MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** True for a letter or digit; ASCII is decided without a regular expression (the hot path). */
function isWordChar(ch: string, code: number): boolean {
  if (code < 128)
    return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return LETTER_OR_DIGIT.test(ch);
}

/** Replaces punctuation, symbols and control characters by single spaces and trims. */
export function cleanPunctuation(text: string): string {
  let out = "";
  let pendingSpace = false;
  for (const ch of text) {
    if (isWordChar(ch, ch.codePointAt(0) ?? 0)) {
      if (pendingSpace && out.length > 0) out += " ";
      out += ch;
      pendingSpace = false;
    } else pendingSpace = true;
  }
  return out;
}

/**
 * Spelling variants that mean the same syllable: "kí/ký", "lí/lý", "sĩ/sỹ" fold to "ki", "li", "si".
 * Applied to already-folded text only.
 */
export function unifyIY(folded: string): string {
  return folded.replace(CONSONANT_Y, "$1i");
}

/** Full folded key of a text: canonical, punctuation-free, diacritic-free, i/y unified. */
export function foldKey(text: string): string {
  return unifyIY(foldDiacritics(cleanPunctuation(toCanonical(text))));
}

const tokenCache = new Map<string, string>();
const TOKEN_CACHE_LIMIT = 200_000;

/**
 * Folds one already-canonical, punctuation-free token (fold + i/y unification), memoised:
 * the Vietnamese syllable inventory is small, so the cache stays small and makes indexing fast.
 */
export function foldToken(token: string): string {
  const hit = tokenCache.get(token);
  if (hit !== undefined) return hit;
  const folded = unifyIY(foldDiacritics(token));
  if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
  tokenCache.set(token, folded);
  return folded;
}

const ACCENTED_Y: Record<string, string> = { y: "i", ý: "í", ỳ: "ì", ỷ: "ỉ", ỹ: "ĩ", ỵ: "ị" };
const CONSONANT_ACCENTED_Y = /^([bcdđghklmnpqrstvx]{1,3})([yýỳỷỹỵ])$/;

/** Accent-preserving i/y unification of one canonical syllable: "ký" → "kí", "sỹ" → "sĩ". */
export function unifyIYAccented(token: string): string {
  const m = CONSONANT_ACCENTED_Y.exec(token);
  return m ? `${m[1] ?? ""}${ACCENTED_Y[m[2] ?? ""] ?? ""}` : token;
}

/** True when one canonical token carries a Vietnamese diacritic (or đ). */
export function isMarked(token: string): boolean {
  return VIETNAMESE_MARKED.test(token);
}

/** True when the text carries at least one Vietnamese diacritic (or đ). */
export function hasDiacritics(text: string): boolean {
  return VIETNAMESE_MARKED.test(text.normalize("NFC"));
}
