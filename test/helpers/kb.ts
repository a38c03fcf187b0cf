// Test helpers for the real knowledge base: load it once per test file, and a compiled lexicon.
import { resolve } from "node:path";
import { compileKbLexicon, type KnowledgeBase } from "../../src/core/knowledge/index.js";
import type { CompiledLexicon } from "../../src/core/nlu/index.js";
import { loadKnowledgeOrThrow } from "../../src/knowledge/index.js";

export const KNOWLEDGE_DIR = resolve(import.meta.dirname, "../../knowledge");

let cached: KnowledgeBase | undefined;

/** The real knowledge base (throws with named problems when invalid). */
export function realKb(): KnowledgeBase {
  cached ??= loadKnowledgeOrThrow(KNOWLEDGE_DIR);
  return cached;
}

/** The real lexicon, compiled with the knowledge base's vocabulary. */
export function realLexicon(): CompiledLexicon {
  return compileKbLexicon(realKb());
}
