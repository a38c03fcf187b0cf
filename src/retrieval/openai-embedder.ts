// Embedder backed by any OpenAI-compatible /v1/embeddings server through @langchain/openai.
// encodingFormat "float" is forced: local servers ignore base64 and the SDK would decode garbage.
import { OpenAIEmbeddings } from "@langchain/openai";
import type { Embedder } from "../core/ports.js";

export interface OpenAIEmbedderConfig {
  readonly apiKey: string | undefined;
  readonly baseURL: string | undefined;
  readonly model: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
}

/** After a failed query embedding, remote calls are skipped for this long (circuit breaker). */
const QUERY_COOL_DOWN_MS = 30_000;
/** A user is waiting: a query embedding gets at most this long and no retry. */
const QUERY_TIMEOUT_MS = 3_000;

function client(config: OpenAIEmbedderConfig, timeout: number, maxRetries: number): OpenAIEmbeddings {
  return new OpenAIEmbeddings({
    model: config.model,
    apiKey: config.apiKey ?? "not-needed",
    configuration: config.baseURL ? { baseURL: config.baseURL } : {},
    encodingFormat: "float",
    batchSize: 64,
    timeout,
    maxRetries,
  });
}

/**
 * Wraps OpenAIEmbeddings. Documents are embedded with retries (index build); queries fail fast
 * and open a short circuit so a dead server does not slow every answer down.
 */
export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  private dim = 0;
  private readonly documents: OpenAIEmbeddings;
  private readonly queries: OpenAIEmbeddings;
  private openUntil = 0;

  constructor(config: OpenAIEmbedderConfig) {
    this.id = `openai:${config.model}@${config.baseURL ?? "api.openai.com"}`;
    this.documents = client(config, config.timeoutMs, config.maxRetries);
    this.queries = client(config, Math.min(config.timeoutMs, QUERY_TIMEOUT_MS), 0);
  }

  get dimension(): number {
    return this.dim;
  }

  /** Calls the server once so `dimension` is known before an index is built or loaded. */
  async embedDocuments(texts: readonly string[]): Promise<number[][]> {
    const out = await this.documents.embedDocuments([...texts]);
    if (out[0]) this.dim = out[0].length;
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    if (Date.now() < this.openUntil) throw new Error("embeddings server unavailable (cooling down)");
    try {
      return await this.queries.embedQuery(text);
    } catch (err) {
      this.openUntil = Date.now() + QUERY_COOL_DOWN_MS;
      throw err;
    }
  }
}
