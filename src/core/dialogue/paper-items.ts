// The dossier of a procedure as numbered items for staff forwarding and the printable checklist: a
// paper, or alternatives of which any one will do; conditions shortened to their first sentence.
import type { CopyKind, DossierItem, Procedure } from "../knowledge/index.js";

/** One paper as printed: catalogue name, how it is handed in, how many, when it is needed. */
export interface PaperEntry {
  readonly name: string;
  readonly copy: CopyKind;
  readonly quantity: number | null;
  /** When the paper is needed (null: always), first sentence of the knowledge base's condition. */
  readonly condition: string | null;
  /** The office can read it from VNeID / the population database instead. */
  readonly stateData: boolean;
}

/** One numbered line: a single paper, or alternatives (any one of them satisfies the line). */
export type PaperItem =
  | { readonly kind: "single"; readonly paper: PaperEntry }
  | { readonly kind: "one-of"; readonly papers: readonly PaperEntry[] };

/** Longest condition kept in compact views; longer first sentences end with "…". */
const MAX_CONDITION_CHARS = 110;

/** First sentence of `text`, at most `max` characters (cut at a word, ending with "…"). */
function shortText(text: string, max = MAX_CONDITION_CHARS): string {
  const clean = text.replace(/\s+/g, " ").trim();
  const sentence = /^(.+?[.;!?])(?:\s|$)/.exec(clean)?.[1] ?? clean;
  const first = sentence.replace(/[.;]$/, "");
  if (first.length <= max) return first;
  const cut = first.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[,;:–—-]+$/, "")}…`;
}

/** Capitalised catalogue name of a document id (the id itself when the catalogue lacks it). */
function paperName(names: ReadonlyMap<string, string>, id: string): string {
  const name = names.get(id) ?? id;
  return name.charAt(0).toLocaleUpperCase("vi") + name.slice(1);
}

function entry(item: DossierItem, names: ReadonlyMap<string, string>, max: number): PaperEntry {
  return {
    name: paperName(names, item.doc),
    copy: item.copy,
    quantity: item.quantity,
    condition: item.condition ? shortText(item.condition, max) : null,
    stateData: item.state_data,
  };
}

/**
 * The procedure's papers in knowledge-base order; a group becomes one "one-of" item where it first
 * appears. Conditions are cut to `maxCondition` characters.
 */
export function paperItems(
  p: Procedure,
  names: ReadonlyMap<string, string>,
  maxCondition = MAX_CONDITION_CHARS,
): PaperItem[] {
  const items: PaperItem[] = [];
  const seen = new Set<string>();
  for (const item of p.documents) {
    if (!item.group) {
      items.push({ kind: "single", paper: entry(item, names, maxCondition) });
      continue;
    }
    if (seen.has(item.group)) continue;
    seen.add(item.group);
    const members = p.documents
      .filter((d) => d.group === item.group)
      .map((d) => entry(d, names, maxCondition));
    const [only] = members;
    items.push(
      members.length === 1 && only ? { kind: "single", paper: only } : { kind: "one-of", papers: members },
    );
  }
  return items;
}

/** Names of the papers the 2025 reforms made unnecessary for this procedure. */
export function noLongerRequired(p: Procedure, names: ReadonlyMap<string, string>): string[] {
  return p.no_longer_required.map((n) => paperName(names, n.doc));
}
