// Runs the expensive parts of an index build on worker threads: encoding runs of the procedure
// list and building HNSW shards. Workers load the TypeScript sources through tsx's loader API and
// are reused for every task of one build.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { KnowledgeBase } from "../core/knowledge/index.js";
import type { BuildTask } from "./build-worker.js";
import type { EncodedChunk } from "./encode-corpus.js";
import { readShard, shardRange, VectorIndex, type VectorSet } from "./vector-index.js";

const WORKER_URL = new URL("./build-worker.ts", import.meta.url).href;
const TASK_TIMEOUT_MS = 300_000;

/** Boots a worker that registers tsx, then loads build-worker.ts. */
function startWorker(): Worker {
  const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL)}); })
    .catch((e) => require("node:worker_threads").parentPort.postMessage({ ok: false, error: String(e) }));`;
  return new Worker(boot, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 32 } });
}

/** A fixed set of build workers; task i goes to worker i % size. Always close() it. */
export class BuildPool {
  private readonly workers: Worker[];
  private readonly queues: Array<Promise<unknown>>;

  constructor(size: number) {
    this.workers = Array.from({ length: size }, startWorker);
    this.queues = this.workers.map(() => Promise.resolve());
  }

  get size(): number {
    return this.workers.length;
  }

  /** Runs a task on worker `slot` after the tasks already queued there. */
  run<T>(slot: number, task: BuildTask, transfer: ArrayBuffer[] = []): Promise<T> {
    const worker = this.workers[slot % this.workers.length];
    if (!worker) return Promise.reject(new Error("empty build pool"));
    const next = this.queues[slot % this.queues.length]
      ?.catch(() => undefined)
      .then(() => this.send<T>(worker, task, transfer));
    this.queues[slot % this.queues.length] = next ?? Promise.resolve();
    return next ?? Promise.reject(new Error("empty build pool"));
  }

  private send<T>(worker: Worker, task: BuildTask, transfer: ArrayBuffer[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("index build worker timed out")), TASK_TIMEOUT_MS);
      const onError = (err: Error): void => {
        clearTimeout(timer);
        reject(err);
      };
      worker.once("message", (reply: { ok: boolean; error?: string } & T) => {
        clearTimeout(timer);
        worker.off("error", onError);
        if (reply.ok) resolve(reply);
        else reject(new Error(reply.error ?? "index build worker failed"));
      });
      worker.once("error", onError);
      worker.postMessage(task, transfer);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Encodes the procedures in one contiguous run per worker; chunks come back in order. */
export async function encodeInWorkers(
  pool: BuildPool,
  kb: KnowledgeBase,
  vocabulary: readonly string[],
  dimension: number,
  withTexts: boolean,
): Promise<EncodedChunk[]> {
  const documents = [...kb.documents.entries()];
  const replies = await Promise.all(
    Array.from({ length: pool.size }, (_, i) => {
      const [start, end] = shardRange(kb.procedures.length, pool.size, i);
      return pool.run<{ chunk: EncodedChunk }>(i, {
        task: "encode",
        procedures: kb.procedures.slice(start, end),
        documents,
        lexicon: kb.lexicon,
        vocabulary: [...vocabulary],
        dimension,
        withTexts,
      });
    }),
  );
  return replies.map((r) => r.chunk);
}

/** Builds one HNSW shard per worker and loads them back into one VectorIndex. */
export async function buildVectorIndexInWorkers(
  pool: BuildPool,
  vectors: VectorSet,
  passageDoc: readonly number[],
): Promise<VectorIndex> {
  const { dimension } = vectors;
  const dir = mkdtempSync(join(tmpdir(), "motcua-hnsw-"));
  try {
    const paths = await Promise.all(
      Array.from({ length: pool.size }, async (_, s) => {
        const [start, end] = shardRange(vectors.count, pool.size, s);
        const flat = new Float32Array((end - start) * dimension);
        for (let label = start; label < end; label++)
          flat.set(vectors.at(label), (label - start) * dimension);
        const path = join(dir, `shard-${s}.hnsw`);
        await pool.run(s, { task: "hnsw", vectors: flat, dimension, start, end, path }, [flat.buffer]);
        return path;
      }),
    );
    return new VectorIndex(
      paths.map((p) => readShard(p, dimension)),
      dimension,
      passageDoc,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
