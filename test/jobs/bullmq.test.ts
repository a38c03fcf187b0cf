// The BullMQ job queue against the Redis on 127.0.0.1:6379 under a per-run key prefix (deleted
// afterwards), or skipped with a notice when no Redis answers there (CI starts one).
import { randomUUID } from "node:crypto";
import { createClient } from "redis";
import { afterAll, describe, expect, it } from "vitest";
import { createBullmqJobQueue } from "../../src/jobs/bullmq-queue.js";
import { createJobQueue } from "../../src/jobs/index.js";
import { REDIS_TEST_URL, dropRedisKeys, redisReachable } from "../helpers/stores.js";
import { queueContract, waitFor } from "./queue-contract.js";

const reachable = await redisReachable();
if (!reachable) {
  console.warn("Redis not reachable on 127.0.0.1:6379 — BullMQ job queue tests skipped (CI starts Redis)");
}

describe.skipIf(!reachable)("bullmq", () => {
  const keyPrefix = `motcua-test-jobs-${randomUUID()}`;

  afterAll(() => dropRedisKeys(`${keyPrefix}:`));

  queueContract("bullmq", () => createBullmqJobQueue({ redisUrl: REDIS_TEST_URL, keyPrefix }));

  it("is what createJobQueue picks with a Redis URL, keeping its keys under the prefix", async () => {
    const queue = createJobQueue({
      redisUrl: REDIS_TEST_URL,
      keyPrefix,
      sqlitePath: "/nonexistent/jobs.sqlite",
    });
    try {
      let ran = false;
      queue.process("factory-check", () => Promise.resolve(void (ran = true)));
      await queue.add("factory-check", {}, { jobId: "f-1" });
      await waitFor(() => ran);
      const client = createClient({ url: REDIS_TEST_URL });
      await client.connect();
      const keys = await client.keys(`${keyPrefix}:factory-check:*`);
      await client.close();
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      await queue.close();
    }
  });
});
