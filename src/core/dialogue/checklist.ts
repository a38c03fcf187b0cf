// The paper checklist of one procedure: lines (a paper, or papers that replace each other), what
// the citizen said they have or lack, and the resulting present / missing / conditional lists.
import type { DocumentType, Procedure } from "../knowledge/index.js";
import type { DocumentMentions } from "./types.js";
import type { ChecklistLine } from "./state.js";

/** One line per paper; items of the same alternative group share a line (in first-seen order). */
export function buildLines(p: Procedure): ChecklistLine[] {
  const lines: ChecklistLine[] = [];
  const groupLine = new Map<string, number>();
  p.documents.forEach((item, index) => {
    if (item.group) {
      const at = groupLine.get(item.group);
      const line = at === undefined ? undefined : lines[at];
      if (line) {
        line.items.push(index);
        if (item.group_optional) line.applies = null;
        return;
      }
      groupLine.set(item.group, lines.length);
    }
    lines.push({
      items: [index],
      status: "unknown",
      applies: item.group ? (item.group_optional ? null : true) : item.condition ? null : true,
      chosen: null,
    });
  });
  return lines;
}

/** Marks lines from the papers the user said they have or lack; returns mentioned papers this procedure does not use. */
export function applyMentions(
  p: Procedure,
  lines: readonly ChecklistLine[],
  mentions: DocumentMentions,
): { lines: ChecklistLine[]; extra: string[] } {
  const next = lines.map((l) => ({ ...l, items: [...l.items] }));
  const used = new Set(p.documents.map((d) => d.doc));
  for (const [ids, status] of [
    [mentions.have, "have"],
    [mentions.lack, "lack"],
  ] as const) {
    for (const doc of ids) {
      for (const line of next) {
        const item = line.items.find((i) => p.documents[i]?.doc === doc);
        if (item === undefined) continue;
        if (status === "have") {
          line.status = "have";
          if (line.items.length > 1) line.chosen = item;
          if (line.applies === null) line.applies = true;
        } else if (line.status !== "have") line.status = "lack";
      }
    }
  }
  const extra = mentions.have.filter((d) => !used.has(d));
  return { lines: next, extra };
}

/** The outcome of a checklist, as paper lines (indexes into the procedure's documents). */
export interface ChecklistSummary {
  /** Lines the user has. */
  readonly present: readonly ChecklistLine[];
  /** Required lines the user has not got (yet). */
  readonly missing: readonly ChecklistLine[];
  /** Lines needed only in some situations that are not settled. */
  readonly conditional: readonly ChecklistLine[];
  /** Mentioned papers this procedure no longer asks for (rule changes, abolished papers). */
  readonly noLongerNeeded: ReadonlyArray<{ readonly doc: string; readonly note: string }>;
  /** Mentioned papers this procedure simply does not use. */
  readonly notNeeded: readonly string[];
  /** True when nothing required is missing and no question from the knowledge base is open. */
  readonly complete: boolean;
}

/** Summarises the checklist; `extra` are the mentioned papers the procedure does not use. */
export function summarize(
  p: Procedure,
  lines: readonly ChecklistLine[],
  extra: readonly string[],
  catalogue: ReadonlyMap<string, DocumentType>,
): ChecklistSummary {
  const present = lines.filter((l) => l.status === "have");
  const conditional = lines.filter((l) => l.status !== "have" && l.applies === null);
  const missing = lines.filter((l) => l.status !== "have" && l.applies === true);
  const retired = new Map(p.no_longer_required.map((n) => [n.doc, n.note]));
  const noLongerNeeded: Array<{ doc: string; note: string }> = [];
  const notNeeded: string[] = [];
  for (const doc of new Set(extra)) {
    const note = retired.get(doc) ?? catalogue.get(doc)?.abolished?.note;
    if (note) noLongerNeeded.push({ doc, note });
    else notNeeded.push(doc);
  }
  const open = nextQuestion(p, lines) !== null;
  return {
    present,
    missing,
    conditional,
    noLongerNeeded,
    notNeeded,
    complete: missing.length === 0 && !open,
  };
}

/**
 * The first line the knowledge base has a question for (`ask`) that is still open: a conditional
 * paper whose condition is not settled, or a group where the user's situation is not known.
 */
export function nextQuestion(p: Procedure, lines: readonly ChecklistLine[]): number | null {
  const at = lines.findIndex((l) => {
    if (l.status === "have") return false;
    if (l.items.length > 1)
      return (
        l.applies !== false &&
        l.chosen === null &&
        l.status === "unknown" &&
        l.items.some((i) => p.documents[i]?.ask)
      );
    return l.applies === null && Boolean(p.documents[l.items[0] ?? -1]?.ask);
  });
  return at === -1 ? null : at;
}

/** Document ids of a line's papers (the chosen one first for groups). */
export function lineDocs(p: Procedure, line: ChecklistLine): string[] {
  const items = line.chosen !== null ? [line.chosen] : line.items;
  return items.map((i) => p.documents[i]?.doc ?? "").filter(Boolean);
}
