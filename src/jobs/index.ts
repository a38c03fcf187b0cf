// The job queue the app uses: BullMQ on Redis when a Redis URL is configured, otherwise the
// durable SQLite loop in its own file.
import { createBullmqJobQueue } from "./bullmq-queue.js";
import { createSqliteJobQueue } from "./sqlite-queue.js";
import type { JobQueue } from "./types.js";

export type { AddOptions, FailedJob, JobData, JobHandler, JobQueue, ProcessOptions } from "./types.js";
export { createBullmqJobQueue, type BullmqJobQueueOptions } from "./bullmq-queue.js";
export { createSqliteJobQueue, type SqliteJobQueueOptions } from "./sqlite-queue.js";

export interface JobQueueConfig {
  /** Redis URL; set → BullMQ, null/undefined/empty → SQLite. */
  readonly redisUrl?: string | null;
  /** BullMQ key prefix (Redis only; default "motcua:jobs"). */
  readonly keyPrefix?: string;
  /** The SQLite job file, e.g. `<DATA_DIR>/jobs.sqlite` (used without Redis). */
  readonly sqlitePath: string;
  /** Told about errors of the queue machinery itself (connection lost, database busy, …). */
  readonly onError?: (err: unknown) => void;
}

export function createJobQueue(config: JobQueueConfig): JobQueue {
  return config.redisUrl
    ? createBullmqJobQueue({
        redisUrl: config.redisUrl,
        keyPrefix: config.keyPrefix,
        onError: config.onError,
      })
    : createSqliteJobQueue({ path: config.sqlitePath, onError: config.onError });
}
