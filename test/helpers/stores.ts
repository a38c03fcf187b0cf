// Backends for the store contract tests: fresh SQLite files with a movable clock, and Redis
// stores under a per-run key prefix whose keys are deleted when the test file ends.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "redis";
import { afterAll, beforeAll } from "vitest";
import type { Stores } from "../../src/core/ports.js";
import { createRedisStores, createSqliteStores, type RedisStoresOptions } from "../../src/storage/index.js";
import type { Backend } from "../contract/stores-contract.js";
import { tempDir } from "./tmp.js";

export const REDIS_TEST_URL = "redis://127.0.0.1:6379";

/** SQLite stores, each in a fresh file; expiry is tested by moving a fake clock. */
export function sqliteBackend(): Backend & { readonly dir: string } {
  const dir = tempDir("motcua-stores-");
  let files = 0;
  let clock = Date.now();
  const make = (ttlSeconds: number, now?: () => number): Promise<Stores> =>
    Promise.resolve(createSqliteStores({ path: join(dir, `stores-${++files}.sqlite`), ttlSeconds, now }));
  return {
    dir,
    make: () => make(3600),
    expiry: {
      ttlSeconds: 60,
      make: () => make(60, () => clock),
      advance: (seconds) => Promise.resolve(void (clock += seconds * 1000)),
    },
  };
}

/** True when a Redis answers on 127.0.0.1:6379 within half a second. */
export async function redisReachable(): Promise<boolean> {
  const client = createClient({
    url: REDIS_TEST_URL,
    socket: { connectTimeout: 500, reconnectStrategy: false },
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.close();
    return true;
  } catch {
    return false;
  }
}

/** Warns (once per file) that Redis tests are skipped; CI runs them against a real Redis. */
export function warnRedisSkipped(): void {
  console.warn("Redis not reachable on 127.0.0.1:6379 — Redis contract tests skipped (CI starts Redis)");
}

/** A raw client for inspecting keys, connected before the suite's tests and closed after them. */
export function rawRedis() {
  const client = createClient({ url: REDIS_TEST_URL });
  client.on("error", () => undefined);
  beforeAll(async () => {
    await client.connect();
  });
  afterAll(async () => {
    await client.close();
  });
  return client;
}

/** Deletes every key under `prefix` from the test Redis. */
export async function dropRedisKeys(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_TEST_URL });
  client.on("error", () => undefined);
  await client.connect();
  const keys = await client.keys(`${prefix}*`);
  if (keys.length > 0) await client.del(keys);
  await client.close();
}

/** Redis stores under a unique key prefix; every key of the prefix is deleted after the file. */
export function redisBackend(): Backend & {
  readonly prefix: string;
  makeWith(options?: Partial<RedisStoresOptions>): Promise<Stores>;
} {
  const prefix = `motcua-test:${randomUUID()}:`;
  const makeWith = (options: Partial<RedisStoresOptions> = {}): Promise<Stores> =>
    createRedisStores({ url: REDIS_TEST_URL, ttlSeconds: 3600, keyPrefix: prefix, ...options });
  afterAll(() => dropRedisKeys(prefix));
  return {
    prefix,
    makeWith,
    make: () => makeWith(),
    expiry: {
      ttlSeconds: 1,
      make: () => makeWith({ ttlSeconds: 1 }),
      advance: (seconds) => sleep(seconds * 1000),
    },
  };
}
