// The staff console's login limiter over a shared RateLimiter: failed sign-ins are hits, so with
// Redis every instance counts the same failures (5 per username and address per 15 minutes).
import type { RateLimiter, RateRule } from "../core/ports.js";
import type { LoginRateLimiter } from "../http/staff-rate-limit.js";
import { LOGIN_LIMIT } from "../http/staff-rate-limit.js";
import { retryAfterSeconds } from "./policy.js";

/** A LoginRateLimiter counting failures in `limiter` under `rule` (default 5 per 15 minutes). */
export function loginRateLimiter(
  limiter: RateLimiter,
  rule: RateRule = { max: LOGIN_LIMIT.maxFailures, windowMs: LOGIN_LIMIT.windowMs },
): LoginRateLimiter {
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
