// The staff console's login limiter over a shared RateLimiter: failed sign-ins are hits, so with
// Redis every instance counts the same failures (5 per username and address per 15 minutes).
import type { RateLimiter, RateRule } from "../core/ports.js";
import { retryAfterSeconds } from "./policy.js";

/** Counts failed logins per key (username + client address); a key over the limit must wait. */
export interface LoginRateLimiter {
  /** Seconds the key must still wait before trying again; 0 when it may try now. */
  retryAfter(key: string, now: number): Promise<number>;
  /** Records a failed attempt of the key. */
  failed(key: string, now: number): Promise<void>;
  /** Forgets the key's failures (after a successful login). */
  succeeded(key: string): Promise<void>;
}

/** The default limit: 5 failures per 15 minutes. */
export const LOGIN_RULE: RateRule = { max: 5, windowMs: 15 * 60_000 };

/** A LoginRateLimiter counting failures in `limiter` under `rule` (default 5 per 15 minutes). */
export function loginRateLimiter(limiter: RateLimiter, rule: RateRule = LOGIN_RULE): LoginRateLimiter {
  const key = (k: string) => `staff-login:${k}`;
  return {
    async retryAfter(k, now) {
      const standing = await limiter.peek(key(k), rule, now);
      return standing.allowed ? 0 : retryAfterSeconds(standing.retryAfterMs);
    },
    async failed(k, now) {
      await limiter.hit(key(k), rule, now);
    },
    succeeded: (k) => limiter.reset(key(k)),
  };
}
