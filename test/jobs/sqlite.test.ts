// The SQLite job queue: the shared contract, then what only a shared file can show — two
// instances never run a job twice, a crashed runner's job is retaken after its lease, jobs
// survive reopening the file, completed ids are purged after the retention period.
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createJobQueue } from "../../src/jobs/index.js";
import { createSqliteJobQueue, type SqliteJobQueueOptions } from "../../src/jobs/sqlite-queue.js";
import { tempDir } from "../helpers/tmp.js";
import { queueContract, waitFor } from "./queue-contract.js";

const dir = tempDir("motcua-jobs-");
let files = 0;
const freshPath = (): string => join(dir, `jobs-${++files}.sqlite`);

queueContract("sqlite", () => createSqliteJobQueue({ path: freshPath(), pollMs: 25 }));

describe("sqlite job queue", () => {
  const open = (options: SqliteJobQueueOptions) => createSqliteJobQueue({ pollMs: 25, ...options });

  it("is what createJobQueue picks without a Redis URL", async () => {
    const path = freshPath();
    const queue = createJobQueue({ redisUrl: null, sqlitePath: path });
    try {
      await queue.add("ping", { n: 1 });
      const db = new Database(path, { readonly: true });
      expect(db.prepare("SELECT name, data, state FROM jobs").all()).toEqual([
        { name: "ping", data: '{"n":1}', state: "waiting" },
      ]);
      db.close();
    } finally {
      await queue.close();
    }
  });

  it("never runs a job twice with two instances on one file", async () => {
    const path = freshPath();
    const a = open({ path });
    const b = open({ path });
    try {
      const runs = new Map<string, number>();
      const perInstance = { a: 0, b: 0 };
      const handler = (who: "a" | "b") => async (data: Readonly<Record<string, unknown>>) => {
        const key = String(data["i"]);
        runs.set(key, (runs.get(key) ?? 0) + 1);
        perInstance[who] += 1;
        await sleep(5);
      };
      a.process("work", handler("a"), { concurrency: 3 });
      b.process("work", handler("b"), { concurrency: 3 });
      for (let i = 0; i < 50; i++) await (i % 2 ? a : b).add("work", { i }, { jobId: `w-${i}` });
      await waitFor(() => perInstance.a + perInstance.b >= 50);
      await sleep(300);
      expect(perInstance.a + perInstance.b).toBe(50);
      expect(runs.size).toBe(50);
      expect([...runs.values()].every((count) => count === 1)).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("retakes a job left running by a dead process only after its lease", async () => {
    const path = freshPath();
    const seed = open({ path });
    await seed.close(); // creates the tables
    const db = new Database(path);
    const leaseEnd = Date.now() + 700;
    db.prepare(
      `INSERT INTO jobs (name, id, data, state, attempts, run_at, lease_until, owner, created_at, updated_at)
       VALUES ('notify', 'n-1', '{"to":"u"}', 'running', 1, 0, ?, 'dead-process', 0, 0)`,
    ).run(leaseEnd);
    db.close();

    const queue = open({ path });
    try {
      const runs: Array<{ attempt: number; at: number; jobId: string }> = [];
      queue.process("notify", (_data, info) => Promise.resolve(void runs.push({ ...info, at: Date.now() })));
      await waitFor(() => runs.length === 1);
      expect(runs[0]?.at).toBeGreaterThanOrEqual(leaseEnd);
      expect(runs[0]).toMatchObject({ attempt: 2, jobId: "n-1" });
    } finally {
      await queue.close();
    }
  });

  it("fails a retaken job whose runner died during its last attempt", async () => {
    const path = freshPath();
    await open({ path }).close();
    const db = new Database(path);
    db.prepare(
      `INSERT INTO jobs (name, id, data, state, attempts, run_at, lease_until, owner, created_at, updated_at)
       VALUES ('notify', 'n-2', '{}', 'running', 2, 0, 0, 'dead-process', 0, 0)`,
    ).run();
    db.close();

    const queue = open({ path });
    try {
      let ran = false;
      queue.process("notify", () => Promise.resolve(void (ran = true)), { attempts: 2 });
      await waitFor(async () => (await queue.failed("notify")).length === 1);
      expect(ran).toBe(false);
      expect((await queue.failed("notify"))[0]?.error).toMatch(/runner stopped/);
    } finally {
      await queue.close();
    }
  });

  it("renews the lease of a long handler, so another instance does not retake it", async () => {
    const path = freshPath();
    const a = open({ path, leaseMs: 200 });
    const b = open({ path, leaseMs: 200 });
    try {
      let runs = 0;
      let finished = false;
      a.process("slow", async () => {
        runs += 1;
        await sleep(900);
        finished = true;
      });
      await a.add("slow", {});
      await waitFor(() => runs === 1);
      b.process("slow", () => Promise.resolve(void (runs += 1)));
      await waitFor(() => finished);
      await sleep(200);
      expect(runs).toBe(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("keeps waiting jobs and schedulers across reopening the file", async () => {
    const path = freshPath();
    const first = open({ path });
    await first.add("send", { n: 1 }, { jobId: "s-1" });
    await first.add("send", { n: 2 }, { delayMs: 200 });
    await first.schedule("poll", "status", 150, { what: "status" });
    await first.close();

    const second = open({ path });
    try {
      const sent: unknown[] = [];
      let polls = 0;
      second.process("send", (data) => Promise.resolve(void sent.push(data["n"])));
      second.process("poll", () => Promise.resolve(void (polls += 1)));
      await waitFor(() => sent.length === 2 && polls >= 2);
      expect(sent.sort()).toEqual([1, 2]);
    } finally {
      await second.close();
    }
  });

  it("purges completed ids after the retention period, so the id can run again", async () => {
    let offset = 0;
    const queue = open({ path: freshPath(), now: () => Date.now() + offset });
    try {
      let runs = 0;
      queue.process("once", () => Promise.resolve(void (runs += 1)));
      await queue.add("once", {}, { jobId: "daily" });
      await waitFor(() => runs === 1);
      offset = 6 * 24 * 3_600_000;
      await sleep(100);
      await queue.add("once", {}, { jobId: "daily" });
      await sleep(300);
      expect(runs).toBe(1);
      offset = 8 * 24 * 3_600_000;
      await sleep(100);
      await queue.add("once", {}, { jobId: "daily" });
      await waitFor(() => runs === 2);
    } finally {
      await queue.close();
    }
  });

  it("stores only the error's name and message, truncated", async () => {
    const path = freshPath();
    const queue = open({ path });
    try {
      queue.process(
        "leaky",
        () => {
          const err = new RangeError(`bad CCCD ${"0".repeat(1_000)}`);
          return Promise.reject(err);
        },
        { attempts: 1 },
      );
      // A thrown non-Error (a plain object with personal data) is described by its type only.
      const notAnError: unknown = { cccd: "001099012345" };
      queue.process(
        "odd",
        () => {
          throw notAnError;
        },
        {
          attempts: 1,
        },
      );
      await queue.add("leaky", {});
      await queue.add("odd", {});
      await waitFor(
        async () => (await queue.failed("leaky")).length + (await queue.failed("odd")).length === 2,
      );
      const [leaky] = await queue.failed("leaky");
      expect(leaky?.error.startsWith("RangeError: bad CCCD 000")).toBe(true);
      expect(leaky?.error.length).toBeLessThanOrEqual(300);
      expect(leaky?.error).not.toContain(" at ");
      const [odd] = await queue.failed("odd");
      expect(odd?.error).not.toContain("001099012345");
    } finally {
      await queue.close();
    }
  });
});
