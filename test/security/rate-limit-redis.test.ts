// The RateLimiter contract against Redis on 127.0.0.1:6379 (skipped with a notice when none
// answers): two limiters on two connections share the counts; every key has a TTL and hides its name.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisRateLimiter, loginRateLimiter, rateLimitKey } from "../../src/rate-limit/index.js";
import { connectRedis, type RedisClient } from "../../src/storage/redis/client.js";
import { REDIS_TEST_URL, redisReachable, warnRedisSkipped } from "../helpers/stores.js";
import { rateLimiterContract } from "./rate-limit-contract.js";

const reachable = await redisReachable();
if (!reachable) warnRedisSkipped();

describe.skipIf(!reachable)("redis rate limiter", () => {
  const prefix = `motcua-test:${randomUUID()}:`;
  const clients: RedisClient[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) clients.push(await connectRedis(REDIS_TEST_URL, () => undefined));
  });
  afterAll(async () => {
    const keys = await clients[0]!.keys(`${prefix}*`);
    if (keys.length > 0) await clients[0]!.del(keys);
    for (const c of clients) await c.close();
  });
  const limiter = (i = 0) => createRedisRateLimiter(clients[i]!, prefix);

  rateLimiterContract("redis", () => limiter());

  it("is shared by instances: hits through one connection count for the other", async () => {
    const rule = { max: 4, windowMs: 60_000 };
    const now = Date.now();
    for (let i = 0; i < 2; i++) await limiter(0).hit("shared", rule, now);
    for (let i = 0; i < 2; i++) await limiter(1).hit("shared", rule, now);
    expect((await limiter(0).hit("shared", rule, now)).allowed).toBe(false);
  });

  it("stores each key hashed, with a TTL no longer than the window", async () => {
    const name = "chat:ip:203.0.113.9";
    await limiter().hit(name, { max: 5, windowMs: 30_000 }, Date.now());
    const keys = await clients[0]!.keys(`${prefix}*`);
    expect(keys.join(" ")).not.toContain("203.0.113.9");
    const ttl = await clients[0]!.pTTL(rateLimitKey(prefix, name));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it("backs the staff login limiter: 5 failures on one instance lock the other out", async () => {
    const a = loginRateLimiter(limiter(0));
    const b = loginRateLimiter(limiter(1));
    const now = Date.now();
    for (let i = 0; i < 5; i++) await a.failed("officer|198.51.100.7", now);
    expect(await b.retryAfter("officer|198.51.100.7", now)).toBe(15 * 60);
    await b.succeeded("officer|198.51.100.7");
    expect(await a.retryAfter("officer|198.51.100.7", now)).toBe(0);
  });
});
