// In-process sliding-window rate limiter (the default): the times of recent hits per key, oldest
// keys dropped beyond a bound. Each instance counts on its own; use the Redis limiter to share.
import type { RateDecision, RateLimiter, RateRule } from "../core/ports.js";

/** Most keys remembered by default; the least recently hit are dropped beyond it. */
const DEFAULT_MAX_KEYS = 50_000;

/** The standing of hits `times` (oldest first, all inside the window) under `rule`. */
export function decide(
  times: readonly number[],
  rule: RateRule,
  now: number,
  counted: boolean,
): RateDecision {
  const allowed = counted || times.length < rule.max;
  const remaining = Math.max(0, rule.max - times.length);
  const blocker = times.length >= rule.max ? times[times.length - rule.max] : undefined;
  const retryAfterMs = blocker === undefined ? 0 : Math.max(1, blocker + rule.windowMs - now);
  return { allowed, remaining, retryAfterMs: allowed && counted ? 0 : retryAfterMs };
}

/** Creates a limiter keeping hits in this process's memory. */
export function createMemoryRateLimiter(options: { readonly maxKeys?: number } = {}): RateLimiter {
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const hits = new Map<string, number[]>();

  const recent = (key: string, rule: RateRule, now: number): number[] => {
    const kept = (hits.get(key) ?? []).filter((at) => at > now - rule.windowMs);
    if (kept.length === 0) hits.delete(key);
    return kept;
  };

  return {
    hit(key, rule, now) {
      const kept = recent(key, rule, now);
      if (kept.length >= rule.max) return Promise.resolve(decide(kept, rule, now, false));
      kept.push(now);
      hits.delete(key); // re-insert: Map order is then least recently hit first
      hits.set(key, kept);
      if (hits.size > maxKeys) {
        const oldest = hits.keys().next().value;
        if (oldest !== undefined) hits.delete(oldest);
      }
      return Promise.resolve(decide(kept, rule, now, true));
    },
    peek(key, rule, now) {
      return Promise.resolve(decide(recent(key, rule, now), rule, now, false));
    },
    reset(key) {
      hits.delete(key);
      return Promise.resolve();
    },
  };
}
