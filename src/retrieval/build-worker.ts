// Worker-thread entry for building large indexes on several cores: "encode" turns a run of
// procedures into an EncodedChunk; "hnsw" builds one HNSW shard and writes it to a file.
import { parentPort } from "node:worker_threads";
import type { DocumentType, Lexicon, Procedure } from "../core/knowledge/index.js";
import { compileLexicon } from "../core/nlu/index.js";
import { encodeProcedures, transferables } from "./encode-corpus.js";
import { buildShard } from "./vector-index.js";

/** Messages the build worker understands. */
export type BuildTask =
  | {
      readonly task: "encode";
      readonly procedures: Procedure[];
      readonly documents: Array<[string, DocumentType]>;
      readonly lexicon: Lexicon;
      readonly vocabulary: string[];
      readonly dimension: number;
      readonly withTexts: boolean;
    }
  | {
      readonly task: "hnsw";
      readonly vectors: Float32Array;
      readonly dimension: number;
      readonly start: number;
      readonly end: number;
      readonly path: string;
    };

function handle(msg: BuildTask): void {
  switch (msg.task) {
    case "encode": {
      const chunk = encodeProcedures(msg.procedures, {
        documents: new Map(msg.documents),
        lexicon: compileLexicon(msg.lexicon, msg.vocabulary),
        dimension: msg.dimension,
        withTexts: msg.withTexts,
      });
      parentPort?.postMessage({ ok: true, chunk }, transferables(chunk));
      return;
    }
    case "hnsw": {
      const { vectors, dimension, start } = msg;
      const at = (label: number): Float32Array =>
        vectors.subarray((label - start) * dimension, (label - start + 1) * dimension);
      buildShard(at, start, msg.end, dimension).writeIndexSync(msg.path);
      parentPort?.postMessage({ ok: true });
      return;
    }
  }
}

parentPort?.on("message", (msg: BuildTask) => {
  try {
    handle(msg);
  } catch (err) {
    parentPort?.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
