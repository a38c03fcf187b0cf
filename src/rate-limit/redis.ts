// Redis sliding-window rate limiter, shared by every instance: one sorted set of hit times per key,
// trimmed, counted and added to atomically in a Lua script; each set expires with its window.
import { createHash, randomUUID } from "node:crypto";
import type { RateDecision, RateLimiter, RateRule } from "../core/ports.js";
import type { RedisClient } from "../storage/redis/client.js";
import { decide } from "./memory.js";

/**
 * KEYS[1] the key's sorted set; ARGV now, windowMs, max, count (1 = add a hit when allowed), member.
 * Returns the hit times inside the window (oldest first) and whether this call added one.
 */
const SCRIPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
local added = 0
if ARGV[4] == '1' and n < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], now, ARGV[5])
  added = 1
end
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], window) end
local times = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local out = {}
for i = 2, #times, 2 do out[#out + 1] = times[i] end
return {added, out}
`;

/** The Redis key of a limiter key: hashed, so addresses and chat ids are not readable in Redis. */
export function rateLimitKey(prefix: string, key: string): string {
  return `${prefix}rl:${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
}

/** Creates a limiter over `client`, its keys under `prefix` (e.g. "motcua:"). */
export function createRedisRateLimiter(client: RedisClient, prefix: string): RateLimiter {
  async function run(key: string, rule: RateRule, now: number, count: boolean): Promise<RateDecision> {
    const reply = (await client.eval(SCRIPT, {
      keys: [rateLimitKey(prefix, key)],
      arguments: [
        String(now),
        String(rule.windowMs),
        String(rule.max),
        count ? "1" : "0",
        `${now}-${randomUUID()}`,
      ],
    })) as [number, string[]];
    const [added, times] = reply;
    return decide(times.map(Number), rule, now, added === 1);
  }
  return {
    hit: (key, rule, now) => run(key, rule, now, true),
    peek: (key, rule, now) => run(key, rule, now, false),
    async reset(key) {
      await client.del(rateLimitKey(prefix, key));
    },
  };
}
