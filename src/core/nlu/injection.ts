// Recognises prompt-injection and jailbreak wording ("bỏ qua mọi chỉ dẫn", "ignore previous
// instructions", "tell me the API key"): such text never selects a procedure or changes behaviour.
import { foldKey } from "./normalize.js";

/** A compiled list of folded phrases; matching is on whole words, diacritics ignored. */
export interface InjectionDetector {
  /** Returns the matched phrase (folded) or null. */
  detect(text: string): string | null;
}

/** Builds the detector from the phrases in knowledge/lexicon.yaml (`injection`). */
export function createInjectionDetector(phrases: readonly string[]): InjectionDetector {
  const keys = phrases.map((p) => foldKey(p)).filter((k) => k.length > 0);
  return {
    detect(text: string): string | null {
      const folded = ` ${foldKey(text)} `;
      return keys.find((k) => folded.includes(` ${k} `)) ?? null;
    },
  };
}
