// Guesses whether a message is English (replies switch to English) or Vietnamese. Conservative:
// short or mixed messages return null so the conversation keeps its current language, except a
// bare English greeting ("hello", "good morning"), which opens an English conversation.
import { hasDiacritics } from "./normalize.js";

const ENGLISH = new Set(
  "the a an and or to of for in on at is are be i my me we our you your do does did how what where when which who can could would should need get have has with from by as if about please this that it there document documents papers paper passport birth marriage certificate register registration license licence permit apply application office fee fees cost long take want help thanks thank hello hi".split(
    " ",
  ),
);

/** Unaccented Vietnamese syllables that are not English words ("so do lan dau can giay to gi"). */
const VIETNAMESE = new Set(
  "lam giay gi j dau khong ko k dc duoc cua toi tui minh nao bao nhieu lau mat phi le nop o cho voi va nhu the thi la roi chua co sao ho khai sinh xin cap doi dang ky dk tam tru thuong can cuoc cccd bang lai xe ket hon lan dau nha dat so do em anh chi oi a nhe nha vay".split(
    " ",
  ),
);

/** Words of a bare English greeting ("hello", "hi there", "good morning"). */
const GREETING_WORDS = new Set(
  "hello hi hey hiya howdy greetings good morning afternoon evening there everyone all".split(" "),
);
/** Words that make such a message a greeting (not just "good" or "all"). */
const GREETING_HEADS = new Set("hello hi hey hiya howdy greetings morning afternoon evening".split(" "));

/** True for a short message that is only an English greeting. */
function isEnglishGreeting(words: readonly string[]): boolean {
  return (
    words.length > 0 &&
    words.length <= 4 &&
    words.every((w) => GREETING_WORDS.has(w)) &&
    words.some((w) => GREETING_HEADS.has(w))
  );
}

/** "en" when clearly English, "vi" when clearly Vietnamese, null when unsure. */
export function detectLanguage(text: string): "vi" | "en" | null {
  if (hasDiacritics(text)) return "vi";
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  // A bare greeting is the user's first word to us: "hello" opens an English conversation.
  if (isEnglishGreeting(words)) return "en";
  if (words.length < 3) return null;
  const english = words.filter((w) => ENGLISH.has(w)).length;
  const vietnamese = words.filter((w) => VIETNAMESE.has(w) && !ENGLISH.has(w)).length;
  if (vietnamese >= 2 && vietnamese >= english) return "vi";
  if (english / words.length >= 0.35) return "en";
  return english === 0 ? "vi" : null;
}
