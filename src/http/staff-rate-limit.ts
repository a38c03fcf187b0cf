// Login rate limit of the staff console: at most N failed attempts per key (username + client
// address) in a sliding window. The interface is async so a Redis implementation can replace memory.

/** Counts failed logins per key; a key over the limit must wait. */
export interface LoginRateLimiter {
  /** Seconds the key must still wait before trying again; 0 when it may try now. */
  retryAfter(key: string, now: number): Promise<number>;
  /** Records a failed attempt of the key. */
  failed(key: string, now: number): Promise<void>;
  /** Forgets the key's failures (after a successful login). */
  succeeded(key: string): Promise<void>;
}

export interface RateLimitOptions {
  /** Failed attempts allowed within the window (default 5). */
  readonly maxFailures?: number;
  /** Window length in milliseconds (default 15 minutes). */
  readonly windowMs?: number;
  /** Most keys remembered; the oldest are dropped beyond it (default 10 000). */
  readonly maxKeys?: number;
}

/** The default limit: 5 failures per 15 minutes. */
export const LOGIN_LIMIT = { maxFailures: 5, windowMs: 15 * 60_000 } as const;

/** An in-process limiter (one instance; behind several instances each counts its own attempts). */
export function createMemoryRateLimiter(options: RateLimitOptions = {}): LoginRateLimiter {
  const max = options.maxFailures ?? LOGIN_LIMIT.maxFailures;
  const windowMs = options.windowMs ?? LOGIN_LIMIT.windowMs;
  const maxKeys = options.maxKeys ?? 10_000;
  const failures = new Map<string, number[]>();

  const recent = (key: string, now: number): number[] => {
    const kept = (failures.get(key) ?? []).filter((at) => at > now - windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };

  return {
    retryAfter(key, now) {
      const kept = recent(key, now);
      const oldest = kept.length >= max ? kept[kept.length - max] : undefined;
      return Promise.resolve(
        oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)),
      );
    },
    failed(key, now) {
      const kept = recent(key, now);
      failures.delete(key); // re-insert: Map order is then least recently failed first
      failures.set(key, [...kept, now].slice(-max));
      if (failures.size > maxKeys) {
        const oldest = failures.keys().next().value;
        if (oldest !== undefined) failures.delete(oldest);
      }
      return Promise.resolve();
    },
    succeeded(key) {
      failures.delete(key);
      return Promise.resolve();
    },
  };
}
