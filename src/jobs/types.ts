// The background job queue the app uses for work outside a turn (portal retries, notifications,
// status polling): durable SQLite by default, BullMQ when REDIS_URL is set. Same contract for both.

/** Job payloads are plain JSON objects. */
export type JobData = Readonly<Record<string, unknown>>;

export interface AddOptions {
  /** Deduplication id: a job with this id that is waiting, running or completed is not added again. */
  readonly jobId?: string;
  /** Run no earlier than this many milliseconds from now. */
  readonly delayMs?: number;
}

export interface ProcessOptions {
  /** Total tries before the job is given up (default 8). */
  readonly attempts?: number;
  /** First retry delay; doubles each time with jitter (default 1,000 ms). */
  readonly backoffMs?: number;
  /** Jobs of this name run at most this many at a time in this process (default 4). */
  readonly concurrency?: number;
}

/** Runs `data` once successfully; throwing schedules a retry (until `attempts`). */
export type JobHandler = (
  data: JobData,
  info: { readonly attempt: number; readonly jobId: string },
) => Promise<void>;

/** A job given up after its last attempt, with the error text it failed with. */
export interface FailedJob {
  readonly jobId: string;
  readonly data: JobData;
  readonly error: string;
}

export interface JobQueue {
  add(name: string, data: JobData, options?: AddOptions): Promise<void>;
  /** Registers the handler of `name` and starts taking its jobs. */
  process(name: string, handler: JobHandler, options?: ProcessOptions): void;
  /** Adds (or updates) a job that repeats every `everyMs` (BullMQ job scheduler; SQLite timer). */
  schedule(name: string, schedulerId: string, everyMs: number, data: JobData): Promise<void>;
  /** Jobs given up after their last attempt (for operators and tests). */
  failed(name: string): Promise<FailedJob[]>;
  /** Stops taking jobs, waits for running handlers, releases connections. */
  close(): Promise<void>;
}
