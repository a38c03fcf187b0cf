// Turns the knowledge base into what the indexes consume. Every text is analysed once and feeds
// both the BM25F fields and the dense passages (names and aliases, English names, situations, description).
import type { KnowledgeBase, Procedure } from "../core/knowledge/index.js";
import { analyze, type AnalyzedText, type CompiledLexicon } from "../core/nlu/index.js";
import type { WeightedField } from "./bm25.js";
import { documentTerms } from "./terms.js";

/** Field weights for BM25F: what people call a procedure counts most, dossier papers least. */
export const FIELD_WEIGHTS = {
  name: 3,
  aliases: 3,
  aliasesEn: 2,
  situations: 2,
  description: 1,
  documents: 0.5,
  agency: 0.3,
} as const;

/** Dense passages per procedure; a field with passage null is lexical only. */
const PASSAGE = { names: 0, english: 1, situations: 2, description: 3 } as const;
const PASSAGES = 4;

/** One analysed field of a procedure. */
export interface AnalyzedField {
  readonly analyzed: AnalyzedText;
  readonly weight: number;
  readonly passage: number | null;
}

function rawFields(
  p: Procedure,
  kb: KnowledgeBase,
): Array<{ text: string; weight: number; passage: number | null }> {
  const docs = p.documents.map((d) => kb.documents.get(d.doc)?.name ?? "").join(". ");
  return [
    { text: p.name, weight: FIELD_WEIGHTS.name, passage: PASSAGE.names },
    ...p.aliases.map((text) => ({ text, weight: FIELD_WEIGHTS.aliases, passage: PASSAGE.names })),
    { text: p.name_en, weight: FIELD_WEIGHTS.aliasesEn, passage: PASSAGE.english },
    ...p.aliases_en.map((text) => ({ text, weight: FIELD_WEIGHTS.aliasesEn, passage: PASSAGE.english })),
    ...p.situations.map((text) => ({ text, weight: FIELD_WEIGHTS.situations, passage: PASSAGE.situations })),
    { text: p.description, weight: FIELD_WEIGHTS.description, passage: PASSAGE.description },
    { text: docs, weight: FIELD_WEIGHTS.documents, passage: null },
    { text: p.agency.name, weight: FIELD_WEIGHTS.agency, passage: null },
  ];
}

/** Analyses every searchable text of one procedure once. */
export function analyzeProcedure(p: Procedure, kb: KnowledgeBase, lexicon: CompiledLexicon): AnalyzedField[] {
  return rawFields(p, kb).map((f) => ({
    analyzed: analyze(f.text, lexicon),
    weight: f.weight,
    passage: f.passage,
  }));
}

/** The procedure's lexical fields (terms + weight) for the BM25F index. */
export function lexicalFieldsOf(fields: readonly AnalyzedField[]): WeightedField[] {
  return fields.map((f) => ({ terms: documentTerms(f.analyzed), weight: f.weight }));
}

/** Lexical fields naming the procedure (name, aliases, English names): the strongest evidence. */
export function strongFieldsOf(fields: readonly AnalyzedField[]): WeightedField[] {
  return lexicalFieldsOf(fields.filter((f) => f.passage === PASSAGE.names || f.passage === PASSAGE.english));
}

/** The procedure's dense passages, each a list of analysed parts; empty passages are skipped. */
export function passagesOf(fields: readonly AnalyzedField[]): AnalyzedText[][] {
  const out: AnalyzedText[][] = [];
  for (let i = 0; i < PASSAGES; i++) {
    const members = fields
      .filter((f) => f.passage === i && f.analyzed.folded.length > 0)
      .map((f) => f.analyzed);
    if (members.length > 0) out.push(members);
  }
  return out;
}

/** Plain text of a passage, for remote embedders. */
export function passageText(parts: readonly AnalyzedText[]): string {
  return parts.map((a) => a.accented.join(" ")).join(". ");
}
