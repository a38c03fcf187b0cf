// Login rate limit of the staff console when none is injected: the in-process sliding-window limiter
// of src/rate-limit behind the login adapter (the app passes the shared, possibly Redis, one instead).
import {
  createMemoryRateLimiter as memoryLimiter,
  LOGIN_RULE,
  loginRateLimiter,
} from "../rate-limit/index.js";
import type { LoginRateLimiter } from "../rate-limit/index.js";

export type { LoginRateLimiter } from "../rate-limit/index.js";

export interface RateLimitOptions {
  /** Failed attempts allowed within the window (default 5). */
  readonly maxFailures?: number;
  /** Window length in milliseconds (default 15 minutes). */
  readonly windowMs?: number;
  /** Most keys remembered; the least recently failed are dropped beyond it (default 10 000). */
  readonly maxKeys?: number;
}

/** An in-process limiter (one instance; behind several instances each counts its own attempts). */
export function createMemoryRateLimiter(options: RateLimitOptions = {}): LoginRateLimiter {
  return loginRateLimiter(memoryLimiter({ maxKeys: options.maxKeys ?? 10_000 }), {
    max: options.maxFailures ?? LOGIN_RULE.max,
    windowMs: options.windowMs ?? LOGIN_RULE.windowMs,
  });
}
