// LanguageModel over any OpenAI-compatible chat server through @langchain/openai: classifies a
// message into a schema built from the knowledge base, and rewords facts. Failures become null.
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import * as z from "zod";
import { redactPersonalData } from "../core/llm/index.js";
import type { LanguageModel, ModelUnderstanding } from "../core/ports.js";
import { createLeakGuard } from "./leak-guard.js";
import { loadPrompts, renderPhrasePrompt, type LlmPrompts } from "./prompts.js";

export interface OpenAILanguageModelOptions {
  readonly apiKey?: string;
  /** OpenAI-compatible base URL ("http://127.0.0.1:11434/v1"); api.openai.com when absent. */
  readonly baseURL?: string;
  readonly model: string;
  /** Budget of one call, retries included: a citizen is waiting for the answer. */
  readonly timeoutMs: number;
  readonly maxRetries: number;
}

/** What `understand` may answer as intent; the caller maps it onto its own intents. */
export const MODEL_INTENTS = [
  "procedure_question",
  "papers_owned",
  "fill_form",
  "dossier_status",
  "talk_to_officer",
  "greeting",
  "thanks",
  "other",
] as const;

/** Longer user texts are cut (after redaction) before sending: the task needs no more, tokens cost. */
const MAX_INPUT_CHARS = 2_000;
const DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** Strict JSON schema (every key required, optional values nullable) limited to the given ids. */
export function understandingSchema(procedures: readonly string[], documents: readonly string[]) {
  const slugs = [...new Set(procedures)];
  const ids = [...new Set(documents)];
  return z
    .object({
      intent: z.enum(MODEL_INTENTS),
      procedure: slugs.length > 0 ? z.enum(slugs).nullable() : z.null(),
      documents: ids.length > 0 ? z.array(z.enum(ids)) : z.array(z.string()).max(0),
      language: z.enum(["vi", "en"]),
    })
    .describe("Phân loại tin nhắn của người dân");
}

/** Reasoning models (o1…, gpt-5) reject a temperature and count reasoning in the token limit. */
function isReasoningModel(model: string): boolean {
  return /^o\d/.test(model) || (model.startsWith("gpt-5") && !model.startsWith("gpt-5-chat"));
}

function chatModel(o: OpenAILanguageModelOptions, temperature: number, maxTokens: number): ChatOpenAI {
  return new ChatOpenAI({
    model: o.model,
    apiKey: o.apiKey ?? "not-needed",
    // Always explicit, so nothing falls back to OPENAI_BASE_URL read from the environment here.
    configuration: { baseURL: o.baseURL ?? DEFAULT_BASE_URL },
    timeout: o.timeoutMs,
    maxRetries: o.maxRetries,
    ...(isReasoningModel(o.model) ? {} : { temperature, maxTokens }),
  });
}

/**
 * The optional language model. Personal data is redacted before any text leaves the process; the
 * user's text only ever travels in the user message; every failure, timeout or invalid output is null.
 */
export class OpenAILanguageModel implements LanguageModel {
  private readonly prompts: LlmPrompts;
  private readonly classifier: ChatOpenAI;
  private readonly writer: ChatOpenAI;
  private readonly timeoutMs: number;
  /** True for a wording that repeats our instructions or the API key (it is dropped). */
  private readonly leaks: (answer: string) => boolean;

  constructor(options: OpenAILanguageModelOptions) {
    this.prompts = loadPrompts();
    this.classifier = chatModel(options, 0, 400);
    this.writer = chatModel(options, 0.2, 700);
    this.timeoutMs = options.timeoutMs;
    this.leaks = createLeakGuard(
      [this.prompts.understand, this.prompts.phrase],
      options.apiKey ? [options.apiKey] : [],
    );
  }

  async understand(
    text: string,
    context: { readonly procedures: readonly string[]; readonly documents: readonly string[] },
  ): Promise<ModelUnderstanding | null> {
    const input = redactPersonalData(text).slice(0, MAX_INPUT_CHARS).trim();
    if (!input) return null;
    try {
      const schema = understandingSchema(context.procedures, context.documents);
      const classify = this.classifier.withStructuredOutput(schema, { name: "understand" });
      const raw: unknown = await classify.invoke(
        [new SystemMessage(this.prompts.understand), new HumanMessage(input)],
        { signal: AbortSignal.timeout(this.timeoutMs) },
      );
      // Validated again: a server or a future LangChain path might hand back unchecked JSON.
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return null;
      const { intent, procedure, documents, language } = parsed.data;
      return { intent, procedure, documents: [...new Set(documents)], language };
    } catch {
      return null;
    }
  }

  async phrase(question: string, facts: string, language: "vi" | "en"): Promise<string | null> {
    if (!facts.trim()) return null;
    try {
      const system = renderPhrasePrompt(this.prompts.phrase, facts, language);
      const reply = await this.writer.invoke(
        [new SystemMessage(system), new HumanMessage(redactPersonalData(question).slice(0, MAX_INPUT_CHARS))],
        { signal: AbortSignal.timeout(this.timeoutMs) },
      );
      // A reply cut at the token limit may have lost the source line or half a sentence.
      if (reply.response_metadata.finish_reason === "length") return null;
      const text = reply.text.trim();
      return text && !this.leaks(text) ? text : null;
    } catch {
      return null;
    }
  }
}
