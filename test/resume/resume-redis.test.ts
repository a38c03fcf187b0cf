// Resume codes through the real application on Redis (REDIS_URL, per-run key prefix, keys deleted
// afterwards), plus the Redis keys they leave: every one expires, and erasing removes them.
// Skipped with a notice when no Redis answers on 127.0.0.1:6379.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createRedisStores } from "../../src/storage/index.js";
import { startApp } from "../helpers/app.js";
import {
  REDIS_TEST_URL,
  dropRedisKeys,
  rawRedis,
  redisReachable,
  warnRedisSkipped,
} from "../helpers/stores.js";
import { rulesScenario } from "./rules-scenarios.js";
import { journeyScenario } from "./scenarios.js";

const reachable = await redisReachable();
if (!reachable) warnRedisSkipped();

describe.skipIf(!reachable)("on redis", () => {
  const prefix = `motcua-test:resume-${randomUUID()}:`;
  const start = () => startApp({ REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: prefix });
  const client = rawRedis();
  afterAll(() => dropRedisKeys(prefix));

  journeyScenario(start);
  rulesScenario(start);

  it("gives every resume key a ttl, and erasing a conversation removes its keys", async () => {
    const keyPrefix = `${prefix}keys:`;
    const stores = await createRedisStores({ url: REDIS_TEST_URL, ttlSeconds: 3600, keyPrefix });
    const id = `web:${randomUUID()}`;
    await stores.resumeCodes.issue("TTL234", id, 1800);
    await stores.resumeCodes.recordFailure(id, 3600);
    await stores.resumeCodes.recordFailure(id, 3600);
    const keys = await client.keys(`${keyPrefix}*`);
    expect(keys.sort()).toEqual(
      [
        `${keyPrefix}conv:${id}:resume-code`,
        `${keyPrefix}conv:${id}:resume-failures`,
        `${keyPrefix}resume:TTL234`,
      ].sort(),
    );
    for (const key of keys) expect(await client.ttl(key), key).toBeGreaterThan(0);
    expect(await client.ttl(`${keyPrefix}resume:TTL234`)).toBeLessThanOrEqual(1800);
    await stores.resumeCodes.deleteConversation(id);
    expect(await client.keys(`${keyPrefix}*`)).toEqual([]);
    await stores.close();
  });
});
