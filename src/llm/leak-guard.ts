// Output guard of the language-model adapter: a reworded answer that repeats the model's own
// instructions (six words in a row, accents ignored) or contains the API key is dropped.
import { foldKey } from "../core/nlu/normalize.js";

/** Words in a row shared with the instructions that count as repeating them. */
const RUN = 6;

function runsOf(text: string): string[] {
  const words = foldKey(text).split(" ").filter(Boolean);
  const runs: string[] = [];
  for (let i = 0; i + RUN <= words.length; i++) runs.push(words.slice(i, i + RUN).join(" "));
  return runs;
}

/**
 * A check built from the instruction texts (placeholders such as {{facts}} removed: the facts may be
 * repeated) and the secrets the model must never echo; true when `answer` leaks either.
 */
export function createLeakGuard(
  instructions: readonly string[],
  secrets: readonly string[],
): (answer: string) => boolean {
  const known = new Set(instructions.flatMap((t) => runsOf(t.replace(/\{\{\w+\}\}/g, " | "))));
  const keys = secrets.filter((s) => s.length >= 8);
  return (answer) => keys.some((k) => answer.includes(k)) || runsOf(answer).some((r) => known.has(r));
}
