// The BullMQ job queue (used when REDIS_URL is set): one Queue and at most one Worker per job
// name, created lazily, all under one key prefix. BullMQ ignores an add whose jobId exists, so
// completed jobs are kept 7 days for dedupe; repeating jobs are BullMQ job schedulers.
//
// Retries follow the options given to process(): jobs are added with a high attempts ceiling and
// a custom backoff type, the worker computes the delay (exponential with jitter, as the SQLite
// queue does) and turns the error of its last allowed attempt into an UnrecoverableError. So a job
// added before its handler was registered still gets the handler's attempts and backoff.
import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from "bullmq";
import { Redis } from "ioredis";
import {
  DEFAULT_COMPLETED_RETENTION_MS,
  DEFAULT_FAILED_RETENTION_MS,
  checkDelay,
  checkEvery,
  checkName,
  describeError,
  resolveProcessOptions,
  retryDelayMs,
} from "./common.js";
import type { AddOptions, FailedJob, JobData, JobHandler, JobQueue, ProcessOptions } from "./types.js";

export interface BullmqJobQueueOptions {
  /** redis://… URL of the Redis holding the queues. */
  readonly redisUrl: string;
  /** BullMQ key prefix: every key is `<keyPrefix>:<job name>:…` (default "motcua:jobs"). */
  readonly keyPrefix?: string;
  /** How long completed job ids block re-adding the same jobId (default 7 days). */
  readonly completedRetentionMs?: number;
  /** How long failed jobs stay listed by failed() (default 30 days). */
  readonly failedRetentionMs?: number;
  /** Told about connection and worker errors (BullMQ reports them as events). */
  readonly onError?: (err: unknown) => void;
}

/** Attempts recorded on every job; the worker gives up earlier, at its own `attempts`. */
const ATTEMPTS_CEILING = 1_000;
const BACKOFF_TYPE = "motcua-exponential";

type Data = Record<string, unknown>;

// BullMQ refuses ':' in queue names and custom job ids, and integer-looking custom ids, so both are
// escaped reversibly ('%' and ':' percent-encoded) and custom ids get an "id-" prefix.
const escape = (text: string): string => text.replaceAll("%", "%25").replaceAll(":", "%3A");
const unescape = (text: string): string => text.replaceAll("%3A", ":").replaceAll("%25", "%");
const encodeJobId = (jobId: string): string => `id-${escape(jobId)}`;
const decodeJobId = (id: string | undefined): string =>
  id === undefined ? "" : id.startsWith("id-") ? unescape(id.slice(3)) : id;

/** Connects lazily: the first add(), process() or schedule() opens the Redis connection. */
export function createBullmqJobQueue(options: BullmqJobQueueOptions): JobQueue {
  return new BullmqJobQueue(options);
}

class BullmqJobQueue implements JobQueue {
  private readonly prefix: string;
  private readonly onError: (err: unknown) => void;
  private readonly jobOptions: JobsOptions;
  /** Shared by the queues and workers (BullMQ duplicates it for the workers' blocking reads). */
  private readonly connection: Redis;
  private readonly queues = new Map<string, Queue<Data>>();
  private readonly workers = new Map<string, Worker<Data>>();
  private closing: Promise<void> | undefined;
  /** Set once the workers finished: running handlers may add follow-up jobs until then. */
  private closed = false;

  constructor(options: BullmqJobQueueOptions) {
    this.prefix = options.keyPrefix ?? "motcua:jobs";
    this.onError = options.onError ?? (() => undefined);
    this.jobOptions = {
      attempts: ATTEMPTS_CEILING,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: {
        age: Math.ceil((options.completedRetentionMs ?? DEFAULT_COMPLETED_RETENTION_MS) / 1000),
      },
      removeOnFail: { age: Math.ceil((options.failedRetentionMs ?? DEFAULT_FAILED_RETENTION_MS) / 1000) },
      stackTraceLimit: 0,
    };
    // maxRetriesPerRequest: null is what BullMQ requires of worker connections.
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
    this.connection.on("error", (err) => this.onError(err));
  }

  async add(name: string, data: JobData, options: AddOptions = {}): Promise<void> {
    checkName(name);
    const delay = checkDelay(options.delayMs);
    const queue = this.queue(name);
    const jobId = options.jobId === undefined ? undefined : encodeJobId(options.jobId);
    if (jobId !== undefined) {
      // A failed id may be added again (as in the SQLite queue); BullMQ would ignore it while kept.
      const existing = await queue.getJob(jobId);
      if (existing && (await existing.isFailed())) await existing.remove();
    }
    await queue.add(
      name,
      { ...data },
      { ...this.jobOptions, delay, ...(jobId === undefined ? {} : { jobId }) },
    );
  }

  process(name: string, handler: JobHandler, options?: ProcessOptions): void {
    checkName(name);
    if (this.closing) throw new Error("job queue is closed");
    if (this.workers.has(name)) throw new Error(`a handler for job "${name}" is already registered`);
    const { attempts, backoffMs, concurrency } = resolveProcessOptions(options);
    const worker = new Worker<Data>(
      escape(name),
      async (job: Job<Data>) => {
        const attempt = job.attemptsMade + 1;
        try {
          await handler(job.data, { attempt, jobId: decodeJobId(job.id) });
        } catch (err) {
          // Only "Name: message" reaches Redis (failedReason); stack traces are off (stackTraceLimit 0).
          const message = describeError(err);
          throw attempt >= attempts ? new UnrecoverableError(message) : new Error(message);
        }
      },
      {
        connection: this.connection,
        prefix: this.prefix,
        concurrency,
        settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade, backoffMs) },
      },
    );
    worker.on("error", (err) => this.onError(err));
    this.workers.set(name, worker);
  }

  async schedule(name: string, schedulerId: string, everyMs: number, data: JobData): Promise<void> {
    checkName(name);
    checkEvery(everyMs);
    const { attempts, backoff, removeOnComplete, removeOnFail, stackTraceLimit } = this.jobOptions;
    await this.queue(name).upsertJobScheduler(
      schedulerId,
      { every: Math.round(everyMs) },
      {
        name,
        data: { ...data },
        opts: { attempts, backoff, removeOnComplete, removeOnFail, stackTraceLimit },
      },
    );
  }

  async failed(name: string): Promise<FailedJob[]> {
    checkName(name);
    const jobs = await this.queue(name).getFailed(0, -1);
    return jobs
      .filter((job): job is Job<Data> => job !== undefined && job !== null)
      .map((job) => ({ jobId: decodeJobId(job.id), data: job.data, error: job.failedReason ?? "" }));
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      // Workers first: Worker.close() waits for the jobs they are running.
      await Promise.allSettled([...this.workers.values()].map((worker) => worker.close()));
      this.closed = true;
      await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
      if (this.connection.status === "wait") this.connection.disconnect();
      else await this.connection.quit().catch(() => this.connection.disconnect());
    })();
    return this.closing;
  }

  private queue(name: string): Queue<Data> {
    if (this.closed) throw new Error("job queue is closed");
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue<Data>(escape(name), { connection: this.connection, prefix: this.prefix });
      queue.on("error", (err) => this.onError(err));
      this.queues.set(name, queue);
    }
    return queue;
  }
}
