// Chooses the retrieval set-up from config: local embeddings by default, an OpenAI-compatible
// embedder added (hybrid) or used alone in the ranking (openai) when configured.
import { join } from "node:path";
import type { AppConfig } from "../config/index.js";
import type { KnowledgeBase } from "../core/knowledge/index.js";
import {
  createRetriever,
  OpenAIEmbedder,
  type HybridRetriever,
  type RetrievalIndexes,
} from "../retrieval/index.js";
import type { Logger } from "./logger.js";

/** The remote embedders the configuration asks for (none without an OpenAI key or base URL). */
export function remoteEmbedders(config: AppConfig): Array<{ embedder: OpenAIEmbedder }> {
  if (config.embeddings === "local" || !config.openai) return [];
  const { apiKey, baseURL, embeddingModel, timeoutMs } = config.openai;
  return [
    { embedder: new OpenAIEmbedder({ apiKey, baseURL, model: embeddingModel, timeoutMs, maxRetries: 2 }) },
  ];
}

/** Builds or loads the indexes under DATA_DIR/index and returns the retriever. */
export async function setUpRetrieval(
  config: AppConfig,
  kb: KnowledgeBase,
  options: { readonly force?: boolean; readonly logger?: Logger } = {},
): Promise<{ retriever: HybridRetriever; indexes: RetrievalIndexes }> {
  const { logger } = options;
  const onDenseError = (embedder: string, err: unknown): void => {
    logger?.warn(
      { embedder, error: err instanceof Error ? err.message : String(err) },
      "remote embeddings unavailable; local vectors used",
    );
  };
  return createRetriever(kb, join(config.dataDir, "index"), {
    extra: remoteEmbedders(config),
    mode: config.embeddings,
    force: options.force ?? false,
    onDenseError,
  });
}
