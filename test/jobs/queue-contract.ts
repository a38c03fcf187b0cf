// The JobQueue contract, run against the SQLite loop and BullMQ: each test gets a fresh queue and
// its own job names. Timing checks only say "not before" or "not more often than", with margins.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { JobData, JobQueue } from "../../src/jobs/types.js";

export type MakeQueue = () => Promise<JobQueue> | JobQueue;

/** Polls `check` every 10 ms until it is true, failing after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** Fresh queues that are closed after each test, and job names unique to the test. */
export function queueFixture(make: MakeQueue) {
  const open: JobQueue[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((queue) => queue.close()));
  });
  return {
    async queue(): Promise<JobQueue> {
      const queue = await make();
      open.push(queue);
      return queue;
    },
    name: (): string => `job-${randomUUID().slice(0, 8)}`,
  };
}

interface Run {
  readonly data: JobData;
  readonly attempt: number;
  readonly jobId: string;
  readonly at: number;
}

export function queueContract(label: string, make: MakeQueue): void {
  describe(`${label} job queue contract`, () => {
    const fixture = queueFixture(make);

    it("runs a job once with its data", async () => {
      const queue = await fixture.queue();
      const name = fixture.name();
      const runs: Run[] = [];
      queue.process(name, (data, info) => Promise.resolve(void runs.push({ data, ...info, at: Date.now() })));
      await queue.add(name, { dossier: "H29.31-240315-0001", nested: { n: 1 } });
      await waitFor(() => runs.length === 1);
      await sleep(400);
      expect(runs).toHaveLength(1);
      expect(runs[0]?.data).toEqual({ dossier: "H29.31-240315-0001", nested: { n: 1 } });
      expect(runs[0]?.attempt).toBe(1);
      expect(typeof runs[0]?.jobId).toBe("string");
      expect(await queue.failed(name)).toEqual([]);
    });

    it("dedupes by jobId while waiting and after completion", async () => {
      const queue = await fixture.queue();
      const name = fixture.name();
      const runs: Run[] = [];
      // Ids with ':' and integer-looking ids are legal (BullMQ needs them escaped).
      const jobId = "notify:H29.31-240315-0001:5";
      await queue.add(name, { copy: 1 }, { jobId });
      await queue.add(name, { copy: 2 }, { jobId });
      await queue.add(name, { copy: 1 }, { jobId: "42" });
      queue.process(name, (data, info) => Promise.resolve(void runs.push({ data, ...info, at: Date.now() })));
      await waitFor(() => runs.length === 2);
      await queue.add(name, { copy: 3 }, { jobId });
      await queue.add(name, { copy: 3 }, { jobId: "42" });
      await sleep(600);
      expect(runs.map((run) => run.jobId).sort()).toEqual(["42", jobId]);
      expect(runs.find((run) => run.jobId === jobId)?.data).toEqual({ copy: 1 });
    });

    it("retries after a throw with a rising attempt number, then succeeds", async () => {
      const queue = await fixture.queue();
      const name = fixture.name();
      const attempts: number[] = [];
      let done = false;
      queue.process(
        name,
        (_data, { attempt }) => {
          attempts.push(attempt);
          if (attempt < 3) return Promise.reject(new Error(`channel down (try ${attempt})`));
          done = true;
          return Promise.resolve();
        },
        { attempts: 5, backoffMs: 20 },
      );
      await queue.add(name, { to: "user" }, { jobId: "retry-me" });
      await waitFor(() => done);
      await sleep(300);
      expect(attempts).toEqual([1, 2, 3]);
      expect(await queue.failed(name)).toEqual([]);
    });

    it("gives up after `attempts`, lists the job in failed(), and takes the id again", async () => {
      const queue = await fixture.queue();
      const name = fixture.name();
      const attempts: number[] = [];
      let healthy = false;
      queue.process(
        name,
        (_data, { attempt }) => {
          attempts.push(attempt);
          return healthy ? Promise.resolve() : Promise.reject(new TypeError("portal down"));
        },
        { attempts: 3, backoffMs: 10 },
      );
      await queue.add(name, { form: "f-1" }, { jobId: "create:f-1" });
      await waitFor(async () => (await queue.failed(name)).length === 1);
      await sleep(300);
      expect(attempts).toEqual([1, 2, 3]);
      const [failure] = await queue.failed(name);
      expect(failure?.jobId).toBe("create:f-1");
      expect(failure?.data).toEqual({ form: "f-1" });
      expect(failure?.error).toContain("portal down");

      healthy = true;
      await queue.add(name, { form: "f-1" }, { jobId: "create:f-1" });
      await waitFor(() => attempts.length === 4);
      expect(attempts[3]).toBe(1);
      await waitFor(async () => (await queue.failed(name)).length === 0);
    });

    it("does not run a delayed job before its delay", async () => {
      const queue = await fixture.queue();
      const name = fixture.name();
      const runs: number[] = [];
      queue.process(name, () => Promise.resolve(void runs.push(Date.now())));
      const start = Date.now();
      await queue.add(name, {}, { delayMs: 800 });
      await queue.add(name, {});
      await waitFor(() => runs.length === 2);
      expect(runs[0]! - start).toBeLessThan(800);
      expect(runs[1]! - start).toBeGreaterThanOrEqual(700);
    });

    it("repeats a scheduled job, and scheduling the same id again updates it instead of adding one", async () => {
      const queue = await fixture.queue();
      const name = fixture.name();
      const runs: Run[] = [];
      queue.process(name, (data, info) => Promise.resolve(void runs.push({ data, ...info, at: Date.now() })));
      await queue.schedule(name, "poll-status", 200, { version: 1 });
      await waitFor(() => runs.length >= 3);
      await queue.schedule(name, "poll-status", 200, { version: 2 });
      await waitFor(() => runs.some((run) => run.data["version"] === 2));
      const firstV2 = runs.findIndex((run) => run.data["version"] === 2);
      const windowStart = Date.now();
      await sleep(2_000);
      const inWindow = runs.filter((run) => run.at >= windowStart && run.at < windowStart + 2_000);
      // One repeater every 200 ms fits at most ~10 runs in 2 s; two would make ~20.
      expect(inWindow.length).toBeLessThanOrEqual(13);
      expect(inWindow.length).toBeGreaterThanOrEqual(2);
      expect(runs.slice(firstV2).filter((run) => run.data["version"] === 1).length).toBeLessThanOrEqual(1);
    });

    it("runs at most `concurrency` jobs of a name at a time", async () => {
      const queue = await fixture.queue();
      const name = fixture.name();
      let active = 0;
      let peak = 0;
      let finished = 0;
      queue.process(
        name,
        async () => {
          peak = Math.max(peak, ++active);
          await sleep(60);
          active -= 1;
          finished += 1;
        },
        { concurrency: 2 },
      );
      for (let i = 0; i < 8; i++) await queue.add(name, { i });
      await waitFor(() => finished === 8);
      expect(peak).toBeLessThanOrEqual(2);
    });

    it("close() waits for a running handler", async () => {
      const queue = await fixture.queue();
      const name = fixture.name();
      let started = false;
      let finished = false;
      queue.process(name, async () => {
        started = true;
        await sleep(500);
        finished = true;
      });
      await queue.add(name, {});
      await waitFor(() => started);
      await queue.close();
      expect(finished).toBe(true);
    });
  });
}
