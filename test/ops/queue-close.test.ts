// Graceful shutdown needs this of both job queues: while close() waits for a running handler, the
// handler may still add a follow-up job (a turn queuing its reply), which is kept for later.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createBullmqJobQueue, createSqliteJobQueue, type JobQueue } from "../../src/jobs/index.js";
import { REDIS_TEST_URL, dropRedisKeys, redisReachable } from "../helpers/stores.js";
import { tempDir } from "../helpers/tmp.js";

const reachable = await redisReachable();
if (!reachable) console.warn("Redis not reachable on 127.0.0.1:6379 — BullMQ close test skipped");
const keyPrefix = `motcua-test-close-${randomUUID()}`;

afterAll(async () => {
  if (reachable) await dropRedisKeys(`${keyPrefix}:`);
});

/** Runs a handler that adds a follow-up job after close() began; returns whether the add worked. */
async function addWhileClosing(open: () => JobQueue, reopen: () => JobQueue): Promise<void> {
  const queue = open();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const running = new Promise<void>((r) => (started = r));
  let added: unknown = null;
  queue.process("turn", async () => {
    started();
    await gate;
    await queue.add("send", { n: 1 }, { jobId: "send-1" }).then(
      () => (added = true),
      (err: unknown) => (added = err),
    );
  });
  await queue.add("turn", {}, { jobId: "turn-1" });
  await running;
  const closed = queue.close();
  release();
  await closed;
  expect(added).toBe(true);
  // The follow-up job was kept: a new queue on the same backend runs it.
  const again = reopen();
  try {
    const sent = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("follow-up job not run")), 10_000);
      again.process("send", (data) => {
        clearTimeout(timer);
        resolve(data);
        return Promise.resolve();
      });
    });
    expect(sent).toEqual({ n: 1 });
  } finally {
    await again.close();
  }
}

describe("job queue close()", () => {
  it("SQLite: a running handler may add a job while close() waits for it", async () => {
    const path = join(tempDir(), "jobs.sqlite");
    await addWhileClosing(
      () => createSqliteJobQueue({ path }),
      () => createSqliteJobQueue({ path }),
    );
  });

  it.skipIf(!reachable)("BullMQ: a running handler may add a job while close() waits for it", async () => {
    const make = () => createBullmqJobQueue({ redisUrl: REDIS_TEST_URL, keyPrefix });
    await addWhileClosing(make, make);
  });
});
