// Builds the retrieval indexes from the knowledge base — on worker threads for large knowledge
// bases — or loads them from data/index when the knowledge hash and embedders are unchanged.
// Writes go to a temporary folder renamed into place.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { compileKbLexicon, vocabularyOf, type KnowledgeBase } from "../core/knowledge/index.js";
import type { Embedder } from "../core/ports.js";
import type { CompiledLexicon } from "../core/nlu/index.js";
import { Bm25Index, type Bm25Snapshot } from "./bm25.js";
import { encodeProcedures, mergeChunks, type EncodedChunk } from "./encode-corpus.js";
import {
  DEFAULT_DIMENSION,
  LocalEmbedder,
  LocalEmbedderFitter,
  type LocalEmbedderState,
} from "./local-embedder.js";
import { BuildPool, buildVectorIndexInWorkers, encodeInWorkers } from "./parallel-build.js";
import { arrayVectors, VectorIndex } from "./vector-index.js";

/** Bump when the way indexes are built changes, so old files on disk are rebuilt. */
export const INDEX_FORMAT = 10;

/** From this many procedures the build uses two worker threads (this machine class has 2 cores). */
export const PARALLEL_FROM = 1000;
const WORKERS = 2;

interface Manifest {
  readonly format: number;
  readonly kbHash: string;
  readonly slugs: readonly string[];
  readonly passageDoc: readonly number[];
  readonly local: { readonly state: LocalEmbedderState; readonly files: readonly string[] };
  readonly extra: ReadonlyArray<{
    readonly id: string;
    readonly dimension: number;
    readonly files: readonly string[];
  }>;
}

/** Everything a HybridRetriever needs, built or loaded. */
export interface RetrievalIndexes {
  readonly slugs: readonly string[];
  readonly lexicon: CompiledLexicon;
  readonly bm25: Bm25Index;
  readonly local: { readonly embedder: LocalEmbedder; readonly index: VectorIndex };
  readonly extra: ReadonlyArray<{ readonly embedder: Embedder; readonly index: VectorIndex }>;
  /** "built" when computed now, "loaded" when read from disk. */
  readonly origin: "built" | "loaded";
  /** Worker threads that did the encoding when built (0: single thread, or fallback). */
  readonly workers: number;
}

/** An extra (remote) embedder; its dimension is learnt when building and kept in the manifest. */
export interface ExtraEmbedder {
  readonly embedder: Embedder;
}

function readManifest(dir: string): Manifest | null {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Manifest;
  } catch {
    return null;
  }
}

function isCurrent(m: Manifest | null, kb: KnowledgeBase, extra: readonly ExtraEmbedder[]): m is Manifest {
  return (
    m !== null &&
    m.format === INDEX_FORMAT &&
    m.kbHash === kb.hash &&
    m.extra.length === extra.length &&
    extra.every((e, i) => m.extra[i]?.id === e.embedder.id)
  );
}

/** Encodes every procedure in this thread (one chunk). */
function encodeHere(kb: KnowledgeBase, lexicon: CompiledLexicon, withTexts: boolean): EncodedChunk[] {
  return [
    encodeProcedures(kb.procedures, {
      documents: kb.documents,
      lexicon,
      dimension: DEFAULT_DIMENSION,
      withTexts,
    }),
  ];
}

/**
 * Builds every index in memory. From PARALLEL_FROM procedures on, two worker threads each encode
 * half of the procedures (analysis, BM25F postings, hashed features) and then build one HNSW shard
 * each; any worker failure falls back to the single-thread path.
 */
export async function buildIndexes(
  kb: KnowledgeBase,
  extra: readonly ExtraEmbedder[] = [],
  options: { readonly workers?: number } = {},
): Promise<RetrievalIndexes> {
  const workers = options.workers ?? (kb.procedures.length >= PARALLEL_FROM ? WORKERS : 0);
  // Workers boot (and compile the sources) while this thread computes the vocabulary.
  let pool: BuildPool | null = workers > 1 ? new BuildPool(workers) : null;
  try {
    const vocabulary = [...vocabularyOf(kb)];
    const lexicon = compileKbLexicon(kb, vocabulary);
    const withTexts = extra.length > 0;
    let chunks: EncodedChunk[];
    try {
      chunks = pool
        ? await encodeInWorkers(pool, kb, vocabulary, DEFAULT_DIMENSION, withTexts)
        : encodeHere(kb, lexicon, withTexts);
    } catch {
      await pool?.close();
      pool = null; // Workers unavailable (sandbox, missing loader): single-thread path.
      chunks = encodeHere(kb, lexicon, withTexts);
    }
    const merged = mergeChunks(chunks);
    const fitter = new LocalEmbedderFitter(lexicon);
    for (const counts of merged.passages) fitter.add(counts);
    const { embedder, vectors } = fitter.finish();
    const build = (): VectorIndex => VectorIndex.build(vectors, merged.passageDoc);
    const localIndex = pool
      ? await buildVectorIndexInWorkers(pool, vectors, merged.passageDoc).catch(build)
      : build();
    const extras = [];
    for (const { embedder: remote } of extra) {
      const vecs = await remote.embedDocuments(merged.passageTexts);
      extras.push({
        embedder: remote,
        index: VectorIndex.build(arrayVectors(vecs, remote.dimension), merged.passageDoc),
      });
    }
    return {
      slugs: kb.procedures.map((p) => p.slug),
      lexicon,
      bm25: new Bm25Index(merged.lexical),
      local: { embedder, index: localIndex },
      extra: extras,
      origin: "built",
      workers: pool?.size ?? 0,
    };
  } finally {
    await pool?.close();
  }
}

function fileSafe(id: string): string {
  return id.replace(/[^a-zA-Z0-9.-]+/g, "_").slice(0, 80);
}

/** Writes the indexes to `dir` atomically (temporary folder, then rename). */
export function saveIndexes(dir: string, kb: KnowledgeBase, idx: RetrievalIndexes): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const localFiles = idx.local.index.save(tmp, "local");
  const extra = idx.extra.map((e) => ({
    id: e.embedder.id,
    dimension: e.index.dimension,
    files: e.index.save(tmp, fileSafe(e.embedder.id)),
  }));
  writeFileSync(join(tmp, "lexical.bin"), serialize(idx.bm25.toSnapshot()));
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    kbHash: kb.hash,
    slugs: idx.slugs,
    passageDoc: idx.local.index.passageDoc,
    local: { state: idx.local.embedder.toState(), files: localFiles },
    extra,
  };
  writeFileSync(join(tmp, "manifest.json"), JSON.stringify(manifest));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
}

function loadIndexes(
  dir: string,
  m: Manifest,
  kb: KnowledgeBase,
  extra: readonly ExtraEmbedder[],
): RetrievalIndexes {
  const lexicon = compileKbLexicon(kb);
  const lexical = deserialize(readFileSync(join(dir, "lexical.bin"))) as Bm25Snapshot;
  const local = LocalEmbedder.fromState(m.local.state, lexicon);
  return {
    slugs: m.slugs,
    lexicon,
    bm25: new Bm25Index(lexical),
    local: { embedder: local, index: VectorIndex.load(dir, m.local.files, local.dimension, m.passageDoc) },
    extra: extra.map((e, i) => {
      const meta = m.extra[i];
      if (!meta) throw new Error("index manifest does not match the configured embedders");
      return { embedder: e.embedder, index: VectorIndex.load(dir, meta.files, meta.dimension, m.passageDoc) };
    }),
    origin: "loaded",
    workers: 0,
  };
}

/**
 * Loads the persisted indexes when they match the knowledge hash and embedders, otherwise builds
 * and saves them. `force` always rebuilds (npm run kb:index).
 */
export async function loadOrBuildIndexes(
  dir: string,
  kb: KnowledgeBase,
  extra: readonly ExtraEmbedder[] = [],
  force = false,
): Promise<RetrievalIndexes> {
  const manifest = force ? null : readManifest(dir);
  if (isCurrent(manifest, kb, extra)) {
    try {
      return loadIndexes(dir, manifest, kb, extra);
    } catch {
      // A damaged index file is rebuilt below rather than failing start-up.
    }
  }
  const built = await buildIndexes(kb, extra);
  saveIndexes(dir, kb, built);
  return built;
}
