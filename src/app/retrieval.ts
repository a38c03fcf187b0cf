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

/** Builds or loads the indexes under DATA_DIR/index and returns the retriever. */
export async function setUpRetrieval(
  config: AppConfig,
  kb: KnowledgeBase,
  force = false,
): Promise<{ retriever: HybridRetriever; indexes: RetrievalIndexes }> {
  const extra =
    config.embeddings !== "local" && config.openai
      ? [
          {
            embedder: new OpenAIEmbedder({
              apiKey: config.openai.apiKey,
              baseURL: config.openai.baseURL,
              model: config.openai.embeddingModel,
              timeoutMs: config.openai.timeoutMs,
              maxRetries: 2,
            }),
          },
        ]
      : [];
  return createRetriever(kb, join(config.dataDir, "index"), { extra, mode: config.embeddings, force });
}
