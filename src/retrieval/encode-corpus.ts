// Turns a run of procedures into index material in one pass — a BM25F snapshot and hashed passage
// counts for the local embedder (packed in typed arrays so a chunk crosses a worker boundary
// cheaply) — and concatenates such chunks. The same code runs in-process for small knowledge bases
// and in worker threads for large ones.
import type { DocumentType, Procedure } from "../core/knowledge/index.js";
import type { AnalyzedText, CompiledLexicon } from "../core/nlu/index.js";
import { snapshotBuffers, type Bm25Snapshot } from "./bm25.js";
import { Bm25Builder, concatSnapshots } from "./bm25-builder.js";
import { analyzeProcedure, lexicalFieldsOf, passageText, passagesOf } from "./corpus.js";
import { FeatureHasher, type SparseCounts } from "./local-embedder.js";
import { TermEncoder } from "./terms.js";

/** Index material for a run of procedures (local document numbers 0..n-1). */
export interface EncodedChunk {
  readonly lexical: Bm25Snapshot;
  /** Hashed counts of every passage, flat, with start offsets (length = passages + 1). */
  readonly passageStarts: Int32Array;
  readonly buckets: Int32Array;
  readonly values: Float32Array;
  readonly passageDoc: Int32Array;
  /** Passage texts, only when a remote embedder needs them. */
  readonly passageTexts: string[];
}

/** What encoding needs besides the procedures. */
export interface EncodeContext {
  readonly documents: ReadonlyMap<string, DocumentType>;
  readonly lexicon: CompiledLexicon;
  readonly dimension: number;
  readonly withTexts: boolean;
}

/** The typed arrays of a chunk, for `postMessage` transfer lists. */
export function transferables(c: EncodedChunk): ArrayBuffer[] {
  return [
    ...snapshotBuffers(c.lexical),
    ...[c.passageStarts, c.buckets, c.values, c.passageDoc].map((a) => a.buffer as ArrayBuffer),
  ];
}

/** Encodes procedures in order (the first one is local document 0). */
export function encodeProcedures(procedures: readonly Procedure[], ctx: EncodeContext): EncodedChunk {
  const lexical = new Bm25Builder();
  const encoder = new TermEncoder((term) => lexical.termId(term));
  const hasher = new FeatureHasher(ctx.dimension);
  const memo = new Map<string, AnalyzedText>();
  const passageStarts = [0];
  const buckets: number[] = [];
  const values: number[] = [];
  const passageDoc: number[] = [];
  const passageTexts: string[] = [];
  procedures.forEach((p, doc) => {
    const fields = analyzeProcedure(p, ctx.documents, ctx.lexicon, memo);
    lexical.add(lexicalFieldsOf(fields, encoder));
    for (const parts of passagesOf(fields)) {
      const counts = hasher.hash(parts);
      for (let i = 0; i < counts.buckets.length; i++) {
        buckets.push(counts.buckets[i] ?? 0);
        values.push(counts.values[i] ?? 0);
      }
      passageStarts.push(buckets.length);
      passageDoc.push(doc);
      if (ctx.withTexts) passageTexts.push(passageText(parts));
    }
  });
  return {
    lexical: lexical.snapshot(),
    passageStarts: Int32Array.from(passageStarts),
    buckets: Int32Array.from(buckets),
    values: Float32Array.from(values),
    passageDoc: Int32Array.from(passageDoc),
    passageTexts,
  };
}

/** All chunks as one corpus: one BM25F snapshot and the passages with their global documents. */
export interface MergedCorpus {
  readonly lexical: Bm25Snapshot;
  readonly passages: SparseCounts[];
  readonly passageDoc: number[];
  readonly passageTexts: string[];
}

/** Concatenates chunks (in order). */
export function mergeChunks(chunks: readonly EncodedChunk[]): MergedCorpus {
  const out: MergedCorpus = {
    lexical:
      chunks.length === 1 && chunks[0] ? chunks[0].lexical : concatSnapshots(chunks.map((c) => c.lexical)),
    passages: [],
    passageDoc: [],
    passageTexts: [],
  };
  let offset = 0;
  for (const c of chunks) {
    for (let p = 0; p + 1 < c.passageStarts.length; p++) {
      const start = c.passageStarts[p] ?? 0;
      const end = c.passageStarts[p + 1] ?? 0;
      out.passages.push({ buckets: c.buckets.subarray(start, end), values: c.values.subarray(start, end) });
      out.passageDoc.push((c.passageDoc[p] ?? 0) + offset);
    }
    out.passageTexts.push(...c.passageTexts);
    offset += c.lexical.lengths.length;
  }
  return out;
}
