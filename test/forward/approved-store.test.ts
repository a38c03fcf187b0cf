// Runs the approved-answer store contract on SQLite (fake clock) and on the Redis at 127.0.0.1:6379
// (real time; skipped with a notice when unreachable), plus how each backend purges expired entries.
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { initialState } from "../../src/core/dialogue/state.js";
import { createSqliteStores } from "../../src/storage/index.js";
import { rawRedis, redisBackend, redisReachable, warnRedisSkipped } from "../helpers/stores.js";
import { tempDir } from "../helpers/tmp.js";
import { answerFor, approvedStoreContract } from "./approved-store-contract.js";

const dir = tempDir("motcua-approved-");
let clock = Date.now();
let files = 0;
const sqlite = (path = join(dir, `approved-${++files}.sqlite`)) =>
  createSqliteStores({ path, ttlSeconds: 3600, now: () => clock });

approvedStoreContract("sqlite", {
  make: () => {
    const stores = sqlite();
    return Promise.resolve({ store: stores.approvedAnswers, close: () => stores.close() });
  },
  makePair: () => {
    const path = join(dir, `approved-${++files}.sqlite`);
    const [one, two] = [sqlite(path), sqlite(path)];
    const close = async () => void (await Promise.all([one.close(), two.close()]));
    return Promise.resolve({ stores: [one.approvedAnswers, two.approvedAnswers], close });
  },
  now: () => clock,
  advance: (seconds) => Promise.resolve(void (clock += seconds * 1000)),
});

describe("approved answers on SQLite", () => {
  it("purges expired rows with the sweep and keeps them across a restart until then", async () => {
    const path = join(dir, "restart.sqlite");
    const first = sqlite(path);
    const a = answerFor(clock, 120_000);
    await first.approvedAnswers.put(a);
    await first.close();
    const second = sqlite(path);
    expect(await second.approvedAnswers.get(a.id)).toEqual(a);
    clock += 180_000;
    // A conversation save runs the sweep (at most once a minute).
    await second.conversations.save("test:sweep", initialState(clock));
    await second.close();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare("SELECT COUNT(*) AS n FROM approved_answers WHERE id = ?").get(a.id) as {
      n: number;
    };
    db.close();
    expect(rows.n).toBe(0);
  });
});

const reachable = await redisReachable();
if (!reachable) warnRedisSkipped();

describe.skipIf(!reachable)("approved answers on Redis", () => {
  const backend = redisBackend();
  const prefix = backend.prefix;
  const raw = rawRedis();
  const make = async () => {
    const stores = await backend.makeWith();
    return { store: stores.approvedAnswers, close: () => stores.close() };
  };

  approvedStoreContract("redis", {
    make,
    makePair: async () => {
      const [one, two] = [await backend.makeWith(), await backend.makeWith()];
      const close = async () => void (await Promise.all([one.close(), two.close()]));
      return { stores: [one.approvedAnswers, two.approvedAnswers], close };
    },
    now: Date.now,
    advance: (seconds) => sleep(seconds * 1000),
  });

  it("gives every key a ttl: the answer until its expiry, the index as long as its longest answer", async () => {
    const { store, close } = await make();
    const a = answerFor(Date.now(), 600_000);
    await store.put(a);
    const answerTtl = await raw.pTTL(`${prefix}approved-answer:${a.id}`);
    const indexTtl = await raw.pTTL(`${prefix}approved-answers`);
    expect(answerTtl).toBeGreaterThan(590_000);
    expect(answerTtl).toBeLessThanOrEqual(600_000);
    expect(indexTtl).toBeGreaterThanOrEqual(answerTtl - 1_000);
    expect(await raw.pTTL(`${prefix}approved-answers-version`)).toBeGreaterThan(590_000);
    await store.put(answerFor(Date.now(), 1_000));
    expect(await raw.pTTL(`${prefix}approved-answers`)).toBeGreaterThan(590_000);
    await close();
  });

  it("prunes the ids of expired answers from the index when listing", async () => {
    const { store, close } = await make();
    const a = answerFor(Date.now(), 300);
    await store.put(a);
    await sleep(500);
    expect((await store.list()).some((x) => x.id === a.id)).toBe(false);
    expect(await raw.zScore(`${prefix}approved-answers`, a.id)).toBeNull();
    await close();
  });
});
