// Runs the staff-store contract on the Redis at 127.0.0.1:6379 (skipped with a notice when none
// answers), and checks that every key the staff stores write expires.
import { describe, expect, it } from "vitest";
import { rawRedis, redisBackend, redisReachable, warnRedisSkipped } from "../helpers/stores.js";
import { eventAt, RETENTION_SECONDS, staffStoresContract } from "./staff-stores-contract.js";

const reachable = await redisReachable();
if (!reachable) warnRedisSkipped();

describe.skipIf(!reachable)("redis", () => {
  const backend = redisBackend();
  let clock = Date.now();
  const make = () => backend.makeWith({ now: () => clock, questionRetentionSeconds: RETENTION_SECONDS });
  staffStoresContract("redis", {
    make,
    now: () => clock,
    advance: (seconds) => void (clock += seconds * 1000),
  });

  describe("redis staff keys", () => {
    const client = rawRedis();
    it("gives every question-log and session key a ttl", async () => {
      const stores = await make();
      await stores.questions.record("web:ttl-check", eventAt(clock));
      await stores.staffSessions.create("hash-ttl", {
        username: "lan",
        createdAt: clock,
        expiresAt: clock + 60_000,
      });
      const keys = (await client.keys(`${backend.prefix}*`)).filter((k) => /question|staff-session/.test(k));
      expect(keys.length).toBeGreaterThanOrEqual(3);
      for (const key of keys) expect(await client.pTTL(key), key).toBeGreaterThan(0);
      expect(await client.pTTL(`${backend.prefix}staff-session:hash-ttl`)).toBeLessThanOrEqual(60_000);
      await stores.close();
    });
  });
});
