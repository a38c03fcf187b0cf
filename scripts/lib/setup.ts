// Shared start-up for the command-line scripts: config, knowledge base and an in-memory retriever
// built from the current files (scripts never trust a stale index on disk).
import { remoteEmbedders } from "../../src/app/retrieval.js";
import { loadConfig, type AppConfig } from "../../src/config/index.js";
import type { KnowledgeBase } from "../../src/core/knowledge/index.js";
import { loadKnowledgeOrThrow } from "../../src/knowledge/index.js";
import { buildIndexes, retrieverFromIndexes, type HybridRetriever } from "../../src/retrieval/index.js";

export interface ScriptContext {
  readonly config: AppConfig;
  readonly kb: KnowledgeBase;
  readonly retriever: HybridRetriever;
}

/** Loads config and KB and builds a retriever in memory (OpenAI embeddings when configured). */
export async function setUpScript(): Promise<ScriptContext> {
  const config = loadConfig();
  const kb = loadKnowledgeOrThrow(config.knowledgeDir);
  const indexes = await buildIndexes(kb, remoteEmbedders(config));
  return { config, kb, retriever: retrieverFromIndexes(kb, indexes, { mode: config.embeddings }) };
}

/** Runs an async main and turns any failure into a one-line message and exit code 1. */
export function run(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
