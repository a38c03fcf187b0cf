// Knowledge adapter: loads the YAML files under knowledge/ into a validated KnowledgeBase.
// Start-up and scripts call loadKnowledgeOrThrow; kb-check prints every problem instead.
import { loadKnowledge, type LoadResult } from "./loader.js";
import { KnowledgeError } from "./errors.js";
import type { KnowledgeBase } from "../core/knowledge/index.js";

export { loadKnowledge, KnowledgeError, type LoadResult };

/** Today's date as YYYY-MM-DD in Vietnam time (UTC+7), for the "checked" bound. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Loads the KB or throws KnowledgeError naming every problem. */
export function loadKnowledgeOrThrow(root: string, today: string = todayInVietnam()): KnowledgeBase {
  const { kb, problems } = loadKnowledge(root, today);
  if (!kb) throw new KnowledgeError(problems);
  return kb;
}
