// What both job queues share: the defaults of the JobQueue contract, the retry delay (exponential
// with jitter) and the error text kept for failed jobs (name and message only, never a stack).
import type { ProcessOptions } from "./types.js";

export const DEFAULT_ATTEMPTS = 8;
export const DEFAULT_BACKOFF_MS = 1_000;
export const DEFAULT_CONCURRENCY = 4;
/** Completed job ids are remembered this long for jobId dedupe, then purged. */
export const DEFAULT_COMPLETED_RETENTION_MS = 7 * 24 * 3_600_000;
/** Failed jobs stay visible to operators this long (or until their id is added again). */
export const DEFAULT_FAILED_RETENTION_MS = 30 * 24 * 3_600_000;
/** No retry waits longer than this, however many attempts are allowed. */
export const MAX_BACKOFF_MS = 3_600_000;
/** Longest stored error text. */
const MAX_ERROR_LENGTH = 300;

/** ProcessOptions with their defaults filled in and checked. */
export interface ResolvedProcessOptions {
  readonly attempts: number;
  readonly backoffMs: number;
  readonly concurrency: number;
}

export function resolveProcessOptions(options: ProcessOptions = {}): ResolvedProcessOptions {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  const backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError("attempts must be an integer ≥ 1");
  if (!Number.isFinite(backoffMs) || backoffMs < 0) throw new RangeError("backoffMs must be ≥ 0");
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError("concurrency must be an integer ≥ 1");
  }
  return { attempts, backoffMs, concurrency };
}

/**
 * Delay before the retry that follows failed attempt number `attempt` (1-based): `backoffMs`
 * doubled per attempt, drawn uniformly from its upper half (jitter), capped at MAX_BACKOFF_MS.
 */
export function retryDelayMs(attempt: number, backoffMs: number, random: () => number = Math.random): number {
  const full = Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

/** "Name: message" of a thrown value, truncated; nothing else of the error is kept. */
export function describeError(err: unknown): string {
  const text =
    err instanceof Error
      ? `${err.name}: ${err.message}`
      : `Error: non-Error value thrown (${typeof err === "object" && err !== null ? "object" : typeof err})`;
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

export function checkName(name: string): void {
  if (name.length === 0) throw new RangeError("job name must not be empty");
}

export function checkDelay(delayMs: number | undefined): number {
  const delay = delayMs ?? 0;
  if (!Number.isFinite(delay) || delay < 0) throw new RangeError("delayMs must be ≥ 0");
  return delay;
}

export function checkEvery(everyMs: number): void {
  if (!Number.isFinite(everyMs) || everyMs <= 0) throw new RangeError("everyMs must be > 0");
}
