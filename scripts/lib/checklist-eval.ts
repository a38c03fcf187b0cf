// Checks one free-text message against a procedure's paper list with the same core functions the
// chat uses (paper finder → checklist lines → summary) and names the results canonically.
import {
  applyMentions,
  buildLines,
  createNlu,
  lineDocs,
  summarize,
  type ChecklistLine,
} from "../../src/core/dialogue/index.js";
import type { KnowledgeBase, Procedure } from "../../src/core/knowledge/index.js";

export interface ChecklistOutcome {
  /** Required papers the message says the user has (canonical catalogue names). */
  readonly present: string[];
  /** Required papers not mentioned as held (for alternatives: the usual one). */
  readonly missing: string[];
  /** Papers needed only in some situations the message does not settle. */
  readonly conditional: string[];
  /** Papers the user mentioned that this procedure does not need (incl. abolished ones). */
  readonly extra: string[];
}

/** For an unsettled group of alternatives, the papers that apply without a condition. */
function usualDocs(p: Procedure, line: ChecklistLine): string[] {
  if (line.chosen !== null || line.items.length === 1) return lineDocs(p, line);
  const plain = line.items.filter((i) => !p.documents[i]?.condition);
  const items = plain.length > 0 ? plain : line.items;
  return items.map((i) => p.documents[i]?.doc ?? "").filter(Boolean);
}

/** Builds an evaluator over one knowledge base (compiles the paper finder once). */
export function checklistEvaluator(kb: KnowledgeBase) {
  const nlu = createNlu(kb);
  const procedures = new Map(kb.procedures.map((p) => [p.slug, p]));
  const name = (id: string): string => kb.documents.get(id)?.name ?? id;
  const names = (ids: readonly string[]): string[] => [...new Set(ids.map(name))];
  return (slug: string, message: string): ChecklistOutcome => {
    const p = procedures.get(slug);
    if (!p) throw new Error(`unknown procedure "${slug}"`);
    const mentions = nlu.papers.find(message.normalize("NFC"));
    const { lines, extra } = applyMentions(p, buildLines(p), mentions);
    const s = summarize(p, lines, extra, kb.documents);
    return {
      present: names(s.present.flatMap((l) => lineDocs(p, l))),
      missing: names(s.missing.flatMap((l) => usualDocs(p, l))),
      conditional: names(s.conditional.flatMap((l) => lineDocs(p, l))),
      extra: names([...s.noLongerNeeded.map((n) => n.doc), ...s.notNeeded]),
    };
  };
}
