// A limiter that lets requests through when its backend fails (Redis restarting): a broken counter
// must not lock citizens out; the failure is reported (without the key, which may name a person).
import type { RateLimiter } from "../core/ports.js";

/** Wraps `limiter` so that errors count as "allowed" (and `reset` errors are swallowed). */
export function failOpen(limiter: RateLimiter, onError: (err: unknown) => void): RateLimiter {
  const open = { allowed: true, remaining: 0, retryAfterMs: 0 } as const;
  return {
    hit: (key, rule, now) =>
      limiter.hit(key, rule, now).catch((err: unknown) => {
        onError(err);
        return open;
      }),
    peek: (key, rule, now) =>
      limiter.peek(key, rule, now).catch((err: unknown) => {
        onError(err);
        return open;
      }),
    reset: (key) => limiter.reset(key).catch(onError),
  };
}
