// The durable SQLite job queue (the default when REDIS_URL is unset): one table of jobs in its own
// WAL file, a poll loop that claims due jobs with one atomic UPDATE … RETURNING (so processes
// sharing the file never run a job twice), leases renewed while a handler runs and retaken after a
// crash, exponential backoff with jitter, and repeating jobs driven by a table of schedulers.
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import {
  DEFAULT_COMPLETED_RETENTION_MS,
  DEFAULT_FAILED_RETENTION_MS,
  checkDelay,
  checkEvery,
  checkName,
  describeError,
  resolveProcessOptions,
  retryDelayMs,
  type ResolvedProcessOptions,
} from "./common.js";
import { openJobsDatabase, parseData, type ClaimedRow, type SchedulerRow } from "./sqlite-queue-db.js";
import type { AddOptions, FailedJob, JobData, JobHandler, JobQueue, ProcessOptions } from "./types.js";

export interface SqliteJobQueueOptions {
  /** The queue's own SQLite file, e.g. `<DATA_DIR>/jobs.sqlite` (folder created when missing). */
  readonly path: string;
  /** How often due jobs are looked for (default 200 ms). */
  readonly pollMs?: number;
  /** A running job whose process stopped renewing its lease this long ago is retaken (default 60 s). */
  readonly leaseMs?: number;
  /** How long completed job ids block re-adding the same jobId (default 7 days). */
  readonly completedRetentionMs?: number;
  /** How long failed jobs stay listed by failed() (default 30 days). */
  readonly failedRetentionMs?: number;
  /** Clock in epoch ms (tests move it); default Date.now. */
  readonly now?: () => number;
  /** Told about errors of the loop itself (database busy, …); handler errors are stored instead. */
  readonly onError?: (err: unknown) => void;
}

const PURGE_EVERY_MS = 60_000;

interface Registration {
  readonly handler: JobHandler;
  readonly options: ResolvedProcessOptions;
  running: number;
}

/** Opens (creating when missing) the job file and starts the poll loop; close() stops it. */
export function createSqliteJobQueue(options: SqliteJobQueueOptions): JobQueue {
  return new SqliteJobQueue(options);
}

class SqliteJobQueue implements JobQueue {
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly completedRetentionMs: number;
  private readonly failedRetentionMs: number;
  private readonly onError: (err: unknown) => void;
  /** Marks this instance's claims, so a retaken job is not completed by its former runner. */
  private readonly owner = randomUUID();
  private readonly registrations = new Map<string, Registration>();
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private closed = false;
  /** close() began: no job is taken any more, but running handlers may still add follow-up jobs. */
  private stopping = false;
  private closing: Promise<void> | undefined;
  private lastPurge = Number.NEGATIVE_INFINITY;
  private lastRenew = 0;

  private readonly insertJob: Database.Statement;
  private readonly claim: Database.Statement;
  private readonly complete: Database.Statement;
  private readonly retry: Database.Statement;
  private readonly fail: Database.Statement;
  private readonly renew: Database.Statement;
  private readonly purgeFinished: Database.Statement;
  private readonly selectFailed: Database.Statement<
    [string],
    { id: string; data: string; last_error: string | null }
  >;
  private readonly upsertScheduler: Database.Statement;
  private readonly dueSchedulers: Database.Statement<[number], SchedulerRow>;
  private readonly fireScheduler: Database.Transaction<(row: SchedulerRow, now: number) => void>;

  constructor(options: SqliteJobQueueOptions) {
    this.now = options.now ?? Date.now;
    this.pollMs = options.pollMs ?? 200;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.completedRetentionMs = options.completedRetentionMs ?? DEFAULT_COMPLETED_RETENTION_MS;
    this.failedRetentionMs = options.failedRetentionMs ?? DEFAULT_FAILED_RETENTION_MS;
    this.onError = options.onError ?? (() => undefined);
    if (!(this.pollMs > 0) || !(this.leaseMs > 0)) throw new RangeError("pollMs and leaseMs must be > 0");

    const db = openJobsDatabase(options.path);
    this.db = db;
    // A new id is inserted; an id that failed before is started afresh; waiting, running and
    // completed ids are left alone (jobId dedupe).
    this.insertJob = db.prepare(
      `INSERT INTO jobs (name, id, data, state, attempts, run_at, scheduler_id, created_at, updated_at)
       VALUES (@name, @id, @data, 'waiting', 0, @runAt, @schedulerId, @now, @now)
       ON CONFLICT (name, id) DO UPDATE SET data = excluded.data, state = 'waiting', attempts = 0,
         run_at = excluded.run_at, lease_until = NULL, owner = NULL, last_error = NULL,
         created_at = excluded.created_at, updated_at = excluded.updated_at
       WHERE jobs.state = 'failed'`,
    );
    this.claim = db.prepare(
      `UPDATE jobs SET state = 'running', attempts = attempts + 1, owner = @owner,
         lease_until = @leaseUntil, updated_at = @now
       WHERE rowid IN (
         SELECT rowid FROM (
           -- Two index range scans (jobs_due): an OR here would scan every row of the name,
           -- completed ones included, on each poll (quadratic under load).
           SELECT rowid, run_at FROM jobs WHERE name = @name AND state = 'waiting' AND run_at <= @now
           UNION ALL
           SELECT rowid, run_at FROM jobs WHERE name = @name AND state = 'running' AND lease_until <= @now)
         ORDER BY run_at LIMIT @limit)
       RETURNING id, data, attempts`,
    );
    this.complete = db.prepare(
      `UPDATE jobs SET state = 'completed', lease_until = NULL, owner = NULL, last_error = NULL,
         updated_at = @now
       WHERE name = @name AND id = @id AND owner = @owner AND state = 'running'`,
    );
    this.retry = db.prepare(
      `UPDATE jobs SET state = 'waiting', run_at = @runAt, lease_until = NULL, owner = NULL,
         last_error = @error, updated_at = @now
       WHERE name = @name AND id = @id AND owner = @owner AND state = 'running'`,
    );
    this.fail = db.prepare(
      `UPDATE jobs SET state = 'failed', lease_until = NULL, owner = NULL, last_error = @error,
         updated_at = @now
       WHERE name = @name AND id = @id AND owner = @owner AND state = 'running'`,
    );
    this.renew = db.prepare(
      `UPDATE jobs SET lease_until = @leaseUntil WHERE owner = @owner AND state = 'running'`,
    );
    this.purgeFinished = db.prepare(
      `DELETE FROM jobs WHERE (state = 'completed' AND updated_at <= @completedBefore)
         OR (state = 'failed' AND updated_at <= @failedBefore)`,
    );
    this.selectFailed = db.prepare(
      `SELECT id, data, last_error FROM jobs WHERE name = ? AND state = 'failed' ORDER BY updated_at, id`,
    );
    // A new scheduler fires at once; an existing one takes the new interval and data, and its
    // next run moves earlier when the new interval is shorter.
    this.upsertScheduler = db.prepare(
      `INSERT INTO schedulers (name, id, every_ms, data, next_run_at, updated_at)
       VALUES (@name, @id, @everyMs, @data, @now, @now)
       ON CONFLICT (name, id) DO UPDATE SET every_ms = excluded.every_ms, data = excluded.data,
         next_run_at = MIN(schedulers.next_run_at, @now + excluded.every_ms), updated_at = @now`,
    );
    this.dueSchedulers = db.prepare(
      "SELECT name, id, every_ms, data, next_run_at FROM schedulers WHERE next_run_at <= ? ORDER BY next_run_at",
    );
    const advance = db.prepare(
      `UPDATE schedulers SET next_run_at = @next WHERE name = @name AND id = @id AND next_run_at = @prev`,
    );
    const pending = db.prepare<[string, string], { n: number }>(
      `SELECT COUNT(*) AS n FROM jobs WHERE name = ? AND scheduler_id = ? AND state = 'waiting'`,
    );
    // Advancing next_run_at from the value read is the claim: of several processes reading the
    // same due scheduler, one advances it and adds the job. No job is added while the previous
    // one still waits (no pile-up when nobody processes the name); a long outage fires once.
    this.fireScheduler = db.transaction((row: SchedulerRow, now: number) => {
      let next = row.next_run_at + row.every_ms;
      if (next <= now) next = now + row.every_ms;
      const moved = advance.run({ next, name: row.name, id: row.id, prev: row.next_run_at });
      if (moved.changes !== 1 || (pending.get(row.name, row.id)?.n ?? 0) > 0) return;
      this.insertJob.run({
        name: row.name,
        id: `repeat:${row.id}:${row.next_run_at}`,
        data: row.data,
        runAt: now,
        schedulerId: row.id,
        now,
      });
    });

    this.arm(0);
  }

  add(name: string, data: JobData, options: AddOptions = {}): Promise<void> {
    return this.settle(() => {
      checkName(name);
      const now = this.now();
      this.insertJob.run({
        name,
        id: options.jobId ?? randomUUID(),
        data: JSON.stringify(data),
        runAt: now + checkDelay(options.delayMs),
        schedulerId: null,
        now,
      });
      if (!options.delayMs && this.registrations.has(name)) this.arm(0);
    });
  }

  process(name: string, handler: JobHandler, options?: ProcessOptions): void {
    checkName(name);
    if (this.closed) throw new Error("job queue is closed");
    if (this.registrations.has(name)) throw new Error(`a handler for job "${name}" is already registered`);
    this.registrations.set(name, { handler, options: resolveProcessOptions(options), running: 0 });
    this.arm(0);
  }

  schedule(name: string, schedulerId: string, everyMs: number, data: JobData): Promise<void> {
    return this.settle(() => {
      checkName(name);
      checkEvery(everyMs);
      this.upsertScheduler.run({
        name,
        id: schedulerId,
        everyMs: Math.round(everyMs),
        data: JSON.stringify(data),
        now: this.now(),
      });
      this.arm(0);
    });
  }

  failed(name: string): Promise<FailedJob[]> {
    return this.settle(() =>
      this.selectFailed.all(name).map((row) => ({
        jobId: row.id,
        data: parseData(row.data),
        error: row.last_error ?? "",
      })),
    );
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.stopping = true;
      clearTimeout(this.timer);
      while (this.running.size > 0) await Promise.allSettled([...this.running]);
      this.closed = true;
      this.db.close();
    })();
    return this.closing;
  }

  /** Runs synchronous driver work as a promise; refuses work after close(). */
  private settle<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve) => {
      if (this.closed) throw new Error("job queue is closed");
      resolve(work());
    });
  }

  /** (Re)starts the poll timer to fire after `delayMs`; unref'ed so it never keeps Node alive. */
  private arm(delayMs: number): void {
    if (this.closed || this.stopping) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
    this.timer.unref();
  }

  private tick(): void {
    if (this.closed || this.stopping || this.ticking) return;
    this.ticking = true;
    try {
      const now = this.now();
      this.housekeep(now);
      for (const row of this.dueSchedulers.all(now)) this.fireScheduler.immediate(row, now);
      for (const [name, registration] of this.registrations) this.take(name, registration, now);
    } catch (err) {
      this.onError(err);
    } finally {
      this.ticking = false;
      this.arm(this.pollMs);
    }
  }

  private housekeep(now: number): void {
    if (now - this.lastRenew >= this.leaseMs / 4 && this.running.size > 0) {
      this.renew.run({ leaseUntil: now + this.leaseMs, owner: this.owner });
      this.lastRenew = now;
    }
    if (now - this.lastPurge >= PURGE_EVERY_MS) {
      this.purgeFinished.run({
        completedBefore: now - this.completedRetentionMs,
        failedBefore: now - this.failedRetentionMs,
      });
      this.lastPurge = now;
    }
  }

  /** Claims as many due jobs of `name` as the concurrency allows and starts them. */
  private take(name: string, registration: Registration, now: number): void {
    const limit = registration.options.concurrency - registration.running;
    if (limit <= 0) return;
    const rows = this.claim.all({
      owner: this.owner,
      leaseUntil: now + this.leaseMs,
      now,
      name,
      limit,
    }) as ClaimedRow[];
    for (const row of rows) {
      registration.running += 1;
      const run = this.run(name, registration, row).finally(() => {
        registration.running -= 1;
        this.running.delete(run);
        this.arm(0);
      });
      this.running.add(run);
    }
  }

  private async run(name: string, registration: Registration, row: ClaimedRow): Promise<void> {
    const { attempts, backoffMs } = registration.options;
    const key = { name, id: row.id, owner: this.owner };
    if (row.attempts > attempts) {
      // Retaken after its runner died during the last allowed attempt.
      this.finish(() =>
        this.fail.run({ ...key, error: "Error: runner stopped during the last attempt", now: this.now() }),
      );
      return;
    }
    try {
      await registration.handler(parseData(row.data), { attempt: row.attempts, jobId: row.id });
    } catch (err) {
      const error = describeError(err);
      const now = this.now();
      this.finish(() =>
        row.attempts >= attempts
          ? this.fail.run({ ...key, error, now })
          : this.retry.run({ ...key, error, now, runAt: now + retryDelayMs(row.attempts, backoffMs) }),
      );
      return;
    }
    this.finish(() => this.complete.run({ ...key, now: this.now() }));
  }

  /** Records a job's outcome; a database error leaves it running, to be retaken after the lease. */
  private finish(write: () => unknown): void {
    try {
      write();
    } catch (err) {
      this.onError(err);
    }
  }
}
