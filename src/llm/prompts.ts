// Loads the language-model instructions from prompts/llm/ (versioned text, not code). Read when a
// model is constructed, never at import time, so importing this module touches no file.
import { readFileSync } from "node:fs";

/** The instruction texts of the two model calls. */
export interface LlmPrompts {
  /** System prompt of `understand`; sent unchanged on every call. */
  readonly understand: string;
  /** System prompt of `phrase`, with {{language}} and {{facts}} placeholders. */
  readonly phrase: string;
}

function read(name: string): string {
  return readFileSync(new URL(`../../prompts/llm/${name}`, import.meta.url), "utf8").trim();
}

/** Reads prompts/llm/understand.md and prompts/llm/phrase.md; throws when a file is missing. */
export function loadPrompts(): LlmPrompts {
  return { understand: read("understand.md"), phrase: read("phrase.md") };
}

/** Fills the phrase prompt; replacement functions keep "$" in the facts literal. */
export function renderPhrasePrompt(template: string, facts: string, language: "vi" | "en"): string {
  const languageName = language === "vi" ? "tiếng Việt" : "tiếng Anh (English)";
  return template.replace("{{language}}", () => languageName).replace("{{facts}}", () => facts);
}
