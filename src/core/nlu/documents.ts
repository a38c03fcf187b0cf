// Finds the papers a citizen mentions ("tui có căn cước với giấy chứng sinh rồi", "chưa có sổ đỏ")
// and whether they have them, lack them, or only name them. Works clause by clause.
import type { DocumentType } from "../knowledge/index.js";
import { analyze } from "./analyze.js";
import type { CompiledLexicon } from "./lexicon.js";
import { compilePhrases, type PhraseMatch } from "./phrases.js";

/** Papers mentioned in a text, as document ids. */
export interface PaperMentions {
  readonly have: string[];
  readonly lack: string[];
  readonly named: string[];
}

const LACK = [
  ["chua", "co"],
  ["khong", "co"],
  ["chua", "lam"],
  ["chua", "xin"],
  ["bi", "mat"],
  ["lam", "mat"],
  ["mat"],
  ["thieu"],
  ["don", "t", "have"],
  ["dont", "have"],
  ["lost"],
  ["missing"],
  ["without"],
];
const HAVE = [
  ["da", "co"],
  ["co", "san"],
  ["giu"],
  ["mang"],
  ["cam"],
  ["da", "lam"],
  ["da", "xin"],
  ["da", "nhan"],
  ["have"],
  ["got"],
  ["brought"],
];
const MODAL_AFTER_CO = new Set([
  "can",
  "phai",
  "duoc",
  "nen",
  "bi",
  "biet",
  "khong",
  "gi",
  "the",
  "nhu",
  "nhung",
]);
/** Words that may sit between two listed papers without changing who has them ("với mấy bản photo"). */
const CONNECTORS = new Set([
  "va",
  "voi",
  "ca",
  "and",
  "plus",
  "them",
  "cung",
  "roi",
  "ban",
  "chinh",
  "sao",
  "may",
  "vai",
  "cac",
  "nhung",
  "bo",
  "tam",
  "cuon",
  "quyen",
  "chiec",
  "cai",
  "hai",
  "ba",
  "1",
  "2",
  "3",
  "4",
  "5",
]);

function contains(window: readonly string[], seq: readonly string[]): boolean {
  for (let i = 0; i + seq.length <= window.length; i++)
    if (seq.every((t, j) => window[i + j] === t)) return true;
  return false;
}

/** Polarity of the words before a mention: lack wins over have; "có" counts unless used as a modal. */
function polarity(window: readonly string[]): "have" | "lack" | null {
  if (LACK.some((seq) => contains(window, seq))) return "lack";
  if (HAVE.some((seq) => contains(window, seq))) return "have";
  const co = window.lastIndexOf("co");
  if (co !== -1 && (co === window.length - 1 || !MODAL_AFTER_CO.has(window[co + 1] ?? ""))) return "have";
  return null;
}

/** Compiled catalogue matcher; build once per knowledge base. */
export interface PaperFinder {
  find(text: string): PaperMentions;
}

/** Builds the finder from the document catalogue (canonical names and aliases). */
export function createPaperFinder(
  documents: ReadonlyMap<string, DocumentType>,
  lexicon: CompiledLexicon,
): PaperFinder {
  const pairs: Array<readonly [string, string]> = [];
  for (const d of documents.values()) for (const n of [d.name, ...d.aliases]) pairs.push([d.id, n]);
  const matcher = compilePhrases(pairs, lexicon);
  return {
    find(text: string): PaperMentions {
      const out: PaperMentions = { have: [], lack: [], named: [] };
      for (const clause of text.split(/[,;.!?\n]+|\bnhưng\b|\bnhung\b|\bbut\b/iu)) {
        const analyzed = analyze(clause, lexicon);
        const tokens = analyzed.folded;
        const matches: Array<PhraseMatch<string>> = matcher.find(analyzed, 6);
        let previous: "have" | "lack" | null = null;
        let from = 0;
        // "… rồi" after a mention (and no "chưa" there) means the citizen has it; found once per clause.
        const lastRoi = tokens.lastIndexOf("roi");
        const lastChua = tokens.lastIndexOf("chua");
        for (const m of matches) {
          const window = tokens.slice(from, m.start);
          const onlyConnectors = window.every((t) => CONNECTORS.has(t));
          let p: "have" | "lack" | null = polarity(window) ?? (onlyConnectors && from > 0 ? previous : null);
          if (p === null && lastRoi >= m.end && lastChua < m.end) p = "have";
          (p === "have" ? out.have : p === "lack" ? out.lack : out.named).push(m.key);
          previous = p;
          from = m.end;
        }
      }
      const dedupe = (xs: string[]): string[] => [...new Set(xs)];
      const have = dedupe(out.have);
      const lack = dedupe(out.lack).filter((d) => !have.includes(d));
      return { have, lack, named: dedupe(out.named).filter((d) => !have.includes(d) && !lack.includes(d)) };
    },
  };
}
