// Composition root helpers: from a validated config, load the knowledge base, set up retrieval
// and create the HTTP app. The only place (with main.ts) that names concrete implementations.
import type { Hono } from "hono";
import type { AppConfig } from "../config/index.js";
import type { KnowledgeBase } from "../core/knowledge/index.js";
import { createHttpApp } from "../http/app.js";
import { loadKnowledgeOrThrow } from "../knowledge/index.js";
import type { HybridRetriever } from "../retrieval/index.js";
import type { Logger } from "./logger.js";
import { setUpRetrieval } from "./retrieval.js";

export interface MotcuaApp {
  readonly kb: KnowledgeBase;
  readonly retriever: HybridRetriever;
  readonly http: Hono;
}

/** Loads everything the assistant needs; throws KnowledgeError / ConfigError with named problems. */
export async function createApp(config: AppConfig, logger: Logger): Promise<MotcuaApp> {
  const kb = loadKnowledgeOrThrow(config.knowledgeDir);
  const started = performance.now();
  const { retriever, indexes } = await setUpRetrieval(config, kb, { logger });
  logger.info(
    {
      procedures: kb.procedures.length,
      index: indexes.origin,
      ms: Math.round(performance.now() - started),
      embeddings: config.embeddings,
    },
    "knowledge base ready",
  );
  const procedures = new Map(kb.procedures.map((p) => [p.slug, p]));
  const http = createHttpApp({ retriever, procedures, logger });
  return { kb, retriever, http };
}
