// Composition of the printable checklists of staff forwarding: signed with FILES_SECRET (or a random
// key made now, like receipt links), valid FILES_LINK_DAYS, rendered from the knowledge base.
import { randomBytes } from "node:crypto";
import type { AppConfig } from "../config/index.js";
import type { KnowledgeBase } from "../core/knowledge/index.js";
import { createChecklistService, type ChecklistService } from "../receipts/checklist-files.js";

/** The checklist links and renderer; without FILES_SECRET the links die with the process. */
export function setUpChecklists(config: AppConfig, kb: KnowledgeBase, now: () => number): ChecklistService {
  return createChecklistService({
    kb,
    secret: config.filesSecret ?? randomBytes(32).toString("base64url"),
    ttlSeconds: config.filesLinkDays * 86_400,
    now,
  });
}
