// Retention: RETENTION_DAYS (falling back to CONVERSATION_TTL_DAYS) sets how long conversation records
// and the question log are kept; the daily purge job on the job queue deletes expired SQLite rows;
// on Redis every key the app writes carries a TTL.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { scheduleRetention, PURGE_JOB } from "../../src/app/retention.js";
import { loadConfig } from "../../src/config/index.js";
import { createJobQueue } from "../../src/jobs/index.js";
import { createSqliteStores } from "../../src/storage/index.js";
import { startApp, type TestApp } from "../helpers/app.js";
import {
  REDIS_TEST_URL,
  dropRedisKeys,
  rawRedis,
  redisReachable,
  warnRedisSkipped,
} from "../helpers/stores.js";
import { tempDir } from "../helpers/tmp.js";
import { fillAndConfirm, say } from "../portal/sandbox/chat-stack.js";

const DAY = 86_400;

/**
 * Known keys without a TTL, with the reason. "mailbox-seq" is one global counter numbering the push
 * chats' mailbox items (a number: no personal data, no conversation id); it is never reset so a number
 * is never reused, which keeps "bubble i of item n was sent" marks unique.
 */
const GLOBAL_INDEXES: Record<string, string> = { "mailbox-seq": "global counter of mailbox items" };

describe("retention settings", () => {
  it("RETENTION_DAYS sets conversations and question log; CONVERSATION_TTL_DAYS still works alone", () => {
    const both = loadConfig({ RETENTION_DAYS: "14", CONVERSATION_TTL_DAYS: "60" });
    expect(both.conversationTtlSeconds).toBe(14 * DAY);
    expect(both.questionRetentionSeconds).toBe(14 * DAY);
    const legacy = loadConfig({ CONVERSATION_TTL_DAYS: "60" });
    expect(legacy.conversationTtlSeconds).toBe(60 * DAY);
    expect(legacy.questionRetentionSeconds).toBe(90 * DAY);
    expect(loadConfig({ RETENTION_DAYS: "" }).conversationTtlSeconds).toBe(30 * DAY);
    expect(() => loadConfig({ RETENTION_DAYS: "3" })).toThrow(/RETENTION_DAYS/);
  });
});

describe("purge job (SQLite)", () => {
  it("deletes expired rows from the file when the scheduled job runs", async () => {
    const dir = tempDir("motcua-retention-");
    let clock = Date.now();
    const path = join(dir, "motcua.sqlite");
    const stores = createSqliteStores({ path, ttlSeconds: 7 * DAY, now: () => clock });
    const conv = "web:retention-1";
    await stores.conversations.save(conv, {
      ...(await import("../../src/core/dialogue/index.js")).initialState(clock),
    });
    await stores.forms.save({
      id: "f1",
      conversationId: conv,
      procedure: "khai-sinh",
      values: { a: "b" },
      confirmedAt: clock,
    });
    await stores.outbox.push(conv, [{ text: "x" }]);
    const rows = () => {
      const db = new Database(path, { readonly: true });
      try {
        return ["conversations", "forms", "outbox"].map(
          (t) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
        );
      } finally {
        db.close();
      }
    };
    expect(rows()).toEqual([1, 1, 1]);
    clock += 8 * DAY * 1000; // past the retention: unreadable at once, still in the file until purged
    expect(await stores.forms.get("f1")).toBeNull();
    expect(rows()).toEqual([1, 1, 1]);
    const queue = createJobQueue({
      redisUrl: null,
      keyPrefix: "x",
      sqlitePath: join(dir, "jobs.sqlite"),
      onError: () => undefined,
    });
    const events: string[] = [];
    const log = { info: (e: string) => void events.push(e), warn: () => undefined, error: () => undefined };
    await scheduleRetention(queue, { stores, log }, 100);
    const deadline = Date.now() + 30_000; // a deadline for a stuck test, not a speed requirement
    while (!events.includes("retention.purged") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(events).toContain("retention.purged");
    expect(rows()).toEqual([0, 0, 0]);
    expect(await queue.failed(PURGE_JOB)).toEqual([]);
    await queue.close();
    await stores.close();
  });
});

const reachable = await redisReachable();
if (!reachable) warnRedisSkipped();

describe.skipIf(!reachable)("Redis key families", () => {
  const prefix = `motcua-test:${randomUUID()}:`;
  const raw = rawRedis();
  let app: TestApp;
  afterAll(async () => {
    await app?.close();
    await dropRedisKeys(prefix);
  });

  it("every key the app wrote (state, forms, tickets, dossiers, codes, questions, limits…) has a TTL", async () => {
    app = await startApp({
      REDIS_URL: REDIS_TEST_URL,
      REDIS_KEY_PREFIX: prefix,
      STAFF_API_TOKEN: "staff-token-ttl-0123456789",
    });
    await fillAndConfirm(app, "ttl-session", {
      name: "Vũ Minh Châu",
      idNumber: "001301009988",
      phone: "0911222333",
    });
    await say(app, "ttl-session", "gặp cán bộ");
    await say(app, "ttl-session", "tôi cần hỏi thêm");
    await say(app, "ttl-session", "mã tiếp tục");
    await say(app, "ttl-other", "tiếp tục ZZZ999");
    // Keys of the store families only: BullMQ's own queue keys live under "<prefix>jobs".
    const keys = (await raw.keys(`${prefix}*`)).filter((k) => !k.startsWith(`${prefix}jobs`));
    const families = new Set(keys.map((k) => k.slice(prefix.length).split(":")[0]));
    expect([...families].length).toBeGreaterThan(4);
    const without: string[] = [];
    for (const k of keys) if ((await raw.pTTL(k)) < 0) without.push(k.slice(prefix.length));
    expect(without.filter((k) => !(k in GLOBAL_INDEXES))).toEqual([]);
  }, 120_000);
});
