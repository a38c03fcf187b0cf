// Public face of storage: the SQLite and Redis implementations of the core's store ports, and
// createStores, which picks Redis when a URL is configured and SQLite under DATA_DIR otherwise.
import { join } from "node:path";
import type { Stores } from "../core/ports.js";
import { encryptStores, type RecordCipher, type UnreadableHandler } from "./encrypted/index.js";
import { createRedisStores } from "./redis/index.js";
import { createSqliteStores } from "./sqlite/index.js";

export { LockTimeoutError } from "./errors.js";
export { createRedisStores, type RedisStoresOptions } from "./redis/index.js";
export { createSqliteStores, type SqliteStoresOptions } from "./sqlite/index.js";

/** What createStores needs from the configuration. */
export interface StoresOptions {
  /** Redis URL, or null to use SQLite. */
  readonly redisUrl: string | null;
  /** Prefix of every Redis key (default "motcua:"). */
  readonly redisKeyPrefix?: string;
  /** Folder of the SQLite file (`<dataDir>/motcua.sqlite`). */
  readonly dataDir: string;
  /** Idle records expire after this many seconds. */
  readonly ttlSeconds: number;
  /** Question-log events are kept this long (default 90 days). */
  readonly questionRetentionSeconds?: number;
  /** Seals personal data at rest (src/storage/encrypted); absent/null = stored as plain JSON. */
  readonly encryption?: { readonly cipher: RecordCipher; readonly onUnreadable: UnreadableHandler } | null;
}

/** Opens the configured backend: Redis when redisUrl is set (several processes), else SQLite. */
export async function createStores(options: StoresOptions): Promise<Stores> {
  const stores = await openBackend(options);
  const e = options.encryption;
  return e ? encryptStores(stores, e.cipher, e.onUnreadable) : stores;
}

async function openBackend(options: StoresOptions): Promise<Stores> {
  if (options.redisUrl !== null) {
    return createRedisStores({
      url: options.redisUrl,
      ttlSeconds: options.ttlSeconds,
      ...questionRetention(options),
      ...(options.redisKeyPrefix ? { keyPrefix: options.redisKeyPrefix } : {}),
    });
  }
  return createSqliteStores({
    path: join(options.dataDir, "motcua.sqlite"),
    ttlSeconds: options.ttlSeconds,
    ...questionRetention(options),
  });
}

/** The configured question-log retention, when one was given. */
const questionRetention = (options: StoresOptions) =>
  options.questionRetentionSeconds ? { questionRetentionSeconds: options.questionRetentionSeconds } : {};
