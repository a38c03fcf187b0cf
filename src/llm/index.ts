// Public face of the optional language-model adapter: the composition root builds it only when
// OPENAI_API_KEY or OPENAI_BASE_URL is configured; everything works without it.
import type { LanguageModel } from "../core/ports.js";
import { OpenAILanguageModel } from "./openai-language-model.js";

export interface LanguageModelConfig {
  readonly apiKey?: string;
  readonly baseURL?: string;
  readonly model: string;
  readonly timeoutMs: number;
}

/** An OpenAI-compatible LanguageModel with one retry (within `timeoutMs`); reads prompts/llm/ now. */
export function createLanguageModel(config: LanguageModelConfig): LanguageModel {
  return new OpenAILanguageModel({ ...config, maxRetries: 1 });
}
