// One rotation over the configured backend (what `npm run keys:rotate` runs): resolves the keys like
// the app does, opens SQLite or Redis directly, re-seals every record under the current key, closes.
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { connectRedis } from "../redis/client.js";
import { createRecordCipher } from "./cipher.js";
import { resolveDataKeys, type DataKeyOptions } from "./keys.js";
import { rotateRedis } from "./rotate-redis.js";
import { rotateSqlite, type RotationReport } from "./rotate.js";

/** What a rotation needs from the configuration. */
export interface RotationOptions extends Omit<DataKeyOptions, "sharedBackend"> {
  readonly redisUrl: string | null;
  readonly redisKeyPrefix: string;
}

/** The outcome, with the id of the key everything readable is now sealed with. */
export interface RotationResult {
  readonly backend: "sqlite" | "redis";
  readonly keyId: string;
  readonly report: RotationReport;
}

/** No key to rotate to, or no database: a message for the operator (Vietnamese / English). */
export class RotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RotationError";
  }
}

/** Re-seals every stored record of the configured backend under the current data key. */
export async function rotateStoredRecords(options: RotationOptions): Promise<RotationResult> {
  const resolved = resolveDataKeys({ ...options, sharedBackend: options.redisUrl !== null });
  if (!resolved)
    throw new RotationError(
      "Chưa có khóa: đặt DATA_KEYS=id:khóa (openssl rand -base64 32). / No key: set DATA_KEYS=id:key.",
    );
  const cipher = createRecordCipher(resolved.keys);
  if (options.redisUrl !== null) {
    const client = await connectRedis(options.redisUrl, () => undefined);
    try {
      return {
        backend: "redis",
        keyId: cipher.currentKeyId,
        report: await rotateRedis(client, options.redisKeyPrefix, cipher),
      };
    } finally {
      await client.close();
    }
  }
  const path = join(options.dataDir, "motcua.sqlite");
  if (!existsSync(path))
    throw new RotationError(`Không thấy cơ sở dữ liệu ${path}. / No database at ${path}.`);
  const db = new Database(path);
  try {
    db.pragma("busy_timeout = 5000");
    // Overwritten ciphertext (old key) and plain rows are zeroed, and the WAL is folded back in.
    db.pragma("secure_delete = ON");
    const report = rotateSqlite(db, cipher);
    db.pragma("wal_checkpoint(TRUNCATE)");
    return { backend: "sqlite", keyId: cipher.currentKeyId, report };
  } finally {
    db.close();
  }
}
