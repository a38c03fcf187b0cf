// Public face of retrieval: build or load the indexes, then create the hybrid retriever.
// The composition root decides which embedders to use; everything else sees the Retriever port.
import type { KnowledgeBase } from "../core/knowledge/index.js";
import { createInjectionDetector } from "../core/nlu/index.js";
import { HybridRetriever } from "./hybrid-retriever.js";
import { loadOrBuildIndexes, type ExtraEmbedder, type RetrievalIndexes } from "./index-store.js";

export { HybridRetriever, type DetailedResult } from "./hybrid-retriever.js";
export {
  buildIndexes,
  loadOrBuildIndexes,
  saveIndexes,
  INDEX_FORMAT,
  type RetrievalIndexes,
} from "./index-store.js";
export { OpenAIEmbedder, type OpenAIEmbedderConfig } from "./openai-embedder.js";
export { LocalEmbedder } from "./local-embedder.js";
export { Bm25Index } from "./bm25.js";
export {
  DEFAULT_MODEL,
  FEATURE_NAMES,
  featureVector,
  probability,
  confidenceModelSchema,
  type ConfidenceModel,
  type LogisticModel,
  type RetrievalFeatures,
} from "./confidence.js";
import type { ConfidenceModel } from "./confidence.js";

/** How dense vectors are used: local only, OpenAI only in the ranking, or both fused. */
export type EmbeddingMode = "local" | "openai" | "hybrid";

/** Options of a retriever built from indexes. */
export interface RetrieverOptions {
  readonly mode?: EmbeddingMode;
  readonly model?: ConfidenceModel;
  /** Told (without the query) when a remote embedder fails and the answer falls back to local vectors. */
  readonly onDenseError?: (embedderId: string, error: unknown) => void;
}

/** Wires indexes into a HybridRetriever. The local embedder always feeds the confidence features. */
export function retrieverFromIndexes(
  kb: KnowledgeBase,
  idx: RetrievalIndexes,
  options: RetrieverOptions = {},
): HybridRetriever {
  const mode = options.mode ?? "local";
  const local = { embedder: idx.local.embedder, index: idx.local.index, weight: mode === "openai" ? 0 : 1 };
  const extra = mode === "local" ? [] : idx.extra.map((e) => ({ ...e, weight: 1 }));
  return new HybridRetriever({
    slugs: idx.slugs,
    lexicon: idx.lexicon,
    injection: createInjectionDetector(kb.lexicon.injection),
    bm25: idx.bm25,
    dense: [local, ...extra],
    ...(options.model ? { model: options.model } : {}),
    ...(options.onDenseError ? { onDenseError: options.onDenseError } : {}),
  });
}

/** Loads (or builds and saves) the indexes under `indexDir` and returns a ready retriever. */
export async function createRetriever(
  kb: KnowledgeBase,
  indexDir: string,
  options: RetrieverOptions & { extra?: readonly ExtraEmbedder[]; force?: boolean } = {},
): Promise<{ retriever: HybridRetriever; indexes: RetrievalIndexes }> {
  const indexes = await loadOrBuildIndexes(indexDir, kb, options.extra ?? [], options.force ?? false);
  return { retriever: retrieverFromIndexes(kb, indexes, options), indexes };
}
