// Turns the knowledge base into what the indexes consume. Every text is analysed once and feeds
// both the BM25F fields and the dense passages (names and aliases, English names, situations, description).
import type { DocumentType, Procedure } from "../core/knowledge/index.js";
import { analyze, type AnalyzedText, type CompiledLexicon } from "../core/nlu/index.js";
import type { EncodedField } from "./bm25.js";
import type { TermEncoder } from "./terms.js";

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
const PASSAGE = { names: 0, english: 1, situations: 2 } as const;
const PASSAGES = 3;

/** One analysed field of a procedure. */
export interface AnalyzedField {
  readonly analyzed: AnalyzedText;
  readonly weight: number;
  readonly passage: number | null;
}

function rawFields(
  p: Procedure,
  catalogue: ReadonlyMap<string, DocumentType>,
): Array<{ text: string; weight: number; passage: number | null }> {
  const docs = p.documents.map((d) => catalogue.get(d.doc)?.name ?? "").join(". ");
  return [
    { text: p.name, weight: FIELD_WEIGHTS.name, passage: PASSAGE.names },
    ...p.aliases.map((text) => ({ text, weight: FIELD_WEIGHTS.aliases, passage: PASSAGE.names })),
    { text: p.name_en, weight: FIELD_WEIGHTS.aliasesEn, passage: PASSAGE.english },
    ...p.aliases_en.map((text) => ({ text, weight: FIELD_WEIGHTS.aliasesEn, passage: PASSAGE.english })),
    ...p.situations.map((text) => ({ text, weight: FIELD_WEIGHTS.situations, passage: PASSAGE.situations })),
    // Long prose: lexical only (as a dense passage it lowered recall and cost a quarter of the vectors).
    { text: p.description, weight: FIELD_WEIGHTS.description, passage: null },
    { text: docs, weight: FIELD_WEIGHTS.documents, passage: null },
    { text: p.agency.name, weight: FIELD_WEIGHTS.agency, passage: null },
  ];
}

/** Analyses every searchable text of one procedure once. */
export function analyzeProcedure(
  p: Procedure,
  catalogue: ReadonlyMap<string, DocumentType>,
  lexicon: CompiledLexicon,
  memo?: Map<string, AnalyzedText>,
): AnalyzedField[] {
  return rawFields(p, catalogue).map((f) => {
    // Paper lists and agency names repeat across procedures (shared catalogue): analyse them once.
    let analyzed = f.passage === null ? memo?.get(f.text) : undefined;
    if (!analyzed) {
      analyzed = analyze(f.text, lexicon);
      if (f.passage === null) memo?.set(f.text, analyzed);
    }
    return { analyzed, weight: f.weight, passage: f.passage };
  });
}

/** The procedure's lexical fields for the BM25F index; names and aliases are marked strong. */
export function lexicalFieldsOf(fields: readonly AnalyzedField[], encoder: TermEncoder): EncodedField[] {
  return fields.map((f) => ({
    ids: encoder.encode(f.analyzed),
    weight: f.weight,
    strong: f.passage === PASSAGE.names || f.passage === PASSAGE.english,
  }));
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
