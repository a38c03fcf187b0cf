// Builds the retrieval indexes from the knowledge base, or loads them from data/index when the
// knowledge hash and embedders are unchanged. Writes go to a temporary folder renamed into place.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { KnowledgeBase } from "../core/knowledge/index.js";
import type { Embedder } from "../core/ports.js";
import { compileKbLexicon } from "../core/knowledge/index.js";
import type { CompiledLexicon } from "../core/nlu/index.js";
import { Bm25Builder, Bm25Index, type Bm25Snapshot } from "./bm25.js";
import { analyzeProcedure, lexicalFieldsOf, passageText, passagesOf, strongFieldsOf } from "./corpus.js";
import { LocalEmbedder, LocalEmbedderFitter, type LocalEmbedderState } from "./local-embedder.js";
import { VectorIndex } from "./vector-index.js";

/** Bump when the way indexes are built changes, so old files on disk are rebuilt. */
export const INDEX_FORMAT = 4;

interface LexicalFile {
  readonly all: Bm25Snapshot;
  readonly strong: Bm25Snapshot;
}

interface Manifest {
  readonly format: number;
  readonly kbHash: string;
  readonly slugs: readonly string[];
  readonly passageDoc: readonly number[];
  readonly local: LocalEmbedderState;
  readonly extra: ReadonlyArray<{ readonly id: string; readonly dimension: number; readonly file: string }>;
}

/** Everything a HybridRetriever needs, built or loaded. */
export interface RetrievalIndexes {
  readonly slugs: readonly string[];
  readonly lexicon: CompiledLexicon;
  readonly bm25: Bm25Index;
  /** BM25F over names and aliases only, for the confidence features. */
  readonly strong: Bm25Index;
  readonly local: { readonly embedder: LocalEmbedder; readonly index: VectorIndex };
  readonly extra: ReadonlyArray<{ readonly embedder: Embedder; readonly index: VectorIndex }>;
  /** "built" when computed now, "loaded" when read from disk. */
  readonly origin: "built" | "loaded";
}

/** An extra (remote) embedder; its dimension is learnt when building and kept in the manifest. */
export interface ExtraEmbedder {
  readonly embedder: Embedder;
}

function fileSafe(id: string): string {
  return id.replace(/[^a-zA-Z0-9.-]+/g, "_").slice(0, 80);
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

/** Builds every index in memory from the knowledge base, one procedure at a time. */
export async function buildIndexes(
  kb: KnowledgeBase,
  extra: readonly ExtraEmbedder[] = [],
): Promise<RetrievalIndexes> {
  const lexicon = compileKbLexicon(kb);
  const lexical = new Bm25Builder();
  const strong = new Bm25Builder();
  const fitter = new LocalEmbedderFitter(lexicon);
  const passageDoc: number[] = [];
  const texts: string[] = [];
  kb.procedures.forEach((p, doc) => {
    const fields = analyzeProcedure(p, kb, lexicon);
    lexical.add(lexicalFieldsOf(fields));
    strong.add(strongFieldsOf(fields));
    for (const parts of passagesOf(fields)) {
      fitter.add(parts);
      passageDoc.push(doc);
      if (extra.length > 0) texts.push(passageText(parts));
    }
  });
  const { embedder: localEmbedder, vectors } = fitter.finish();
  const localIndex = VectorIndex.build(vectors, passageDoc, localEmbedder.dimension);
  const extras = [];
  for (const { embedder } of extra) {
    const vecs = await embedder.embedDocuments(texts);
    extras.push({ embedder, index: VectorIndex.build(vecs, passageDoc, embedder.dimension) });
  }
  return {
    slugs: kb.procedures.map((p) => p.slug),
    lexicon,
    bm25: lexical.build(),
    strong: strong.build(),
    local: { embedder: localEmbedder, index: localIndex },
    extra: extras,
    origin: "built",
  };
}

/** Writes the indexes to `dir` atomically (temporary folder, then rename). */
export function saveIndexes(dir: string, kb: KnowledgeBase, idx: RetrievalIndexes): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  idx.local.index.save(join(tmp, "local.hnsw"));
  const extra = idx.extra.map((e) => {
    const file = `${fileSafe(e.embedder.id)}.hnsw`;
    e.index.save(join(tmp, file));
    return { id: e.embedder.id, dimension: e.embedder.dimension, file };
  });
  const lexical: LexicalFile = { all: idx.bm25.toSnapshot(), strong: idx.strong.toSnapshot() };
  writeFileSync(join(tmp, "lexical.json"), JSON.stringify(lexical));
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    kbHash: kb.hash,
    slugs: idx.slugs,
    passageDoc: idx.local.index.passageDoc,
    local: idx.local.embedder.toState(),
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
  const lexical = JSON.parse(readFileSync(join(dir, "lexical.json"), "utf8")) as LexicalFile;
  const local = LocalEmbedder.fromState(m.local, lexicon);
  return {
    slugs: m.slugs,
    lexicon,
    bm25: Bm25Index.fromSnapshot(lexical.all),
    strong: Bm25Index.fromSnapshot(lexical.strong),
    local: {
      embedder: local,
      index: VectorIndex.load(join(dir, "local.hnsw"), local.dimension, m.passageDoc),
    },
    extra: extra.map((e, i) => {
      const meta = m.extra[i];
      if (!meta) throw new Error("index manifest does not match the configured embedders");
      return {
        embedder: e.embedder,
        index: VectorIndex.load(join(dir, meta.file), meta.dimension, m.passageDoc),
      };
    }),
    origin: "loaded",
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
