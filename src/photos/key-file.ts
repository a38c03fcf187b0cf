// Where the attachment key comes from: ATTACHMENTS_KEY, else (single instance on SQLite) a random
// key file <DATA_DIR>/attachments.key made once with mode 0600; with Redis and no key, none (off).
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { attachmentKey, type AttachmentKey } from "./seal.js";

/** Name of the key file under DATA_DIR. */
export const KEY_FILE = "attachments.key";

/** The key to seal attachments with, and where it came from (for one log line, never the key). */
export interface ResolvedKey {
  readonly key: AttachmentKey;
  readonly source: "config" | "file" | "file-created";
  /** The key file's path, when a file is used. */
  readonly path: string | null;
}

/** The key file exists but does not hold a 32-byte key (refusing to start beats losing attachments). */
export class KeyFileError extends Error {
  constructor(path: string) {
    super(
      `Tệp khóa đính kèm ${path} không hợp lệ (cần 32 byte dạng base64). / The attachment key file ${path} is invalid (32 bytes, base64 expected).`,
    );
    this.name = "KeyFileError";
  }
}

function readKeyFile(path: string): AttachmentKey {
  const bytes = Buffer.from(readFileSync(path, "utf8").trim(), "base64");
  if (bytes.length !== 32) throw new KeyFileError(path);
  // Tighten a key file someone made readable by others.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return attachmentKey(bytes);
}

/** Reads the key file, creating it (exclusively, mode 0600) when missing. */
function keyFile(dataDir: string): ResolvedKey {
  const path = join(dataDir, KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  const fresh = randomBytes(32);
  try {
    writeFileSync(path, `${fresh.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    return { key: attachmentKey(fresh), source: "file-created", path };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return { key: readKeyFile(path), source: "file", path };
  } finally {
    fresh.fill(0);
  }
}

/**
 * The attachment key: the configured one; else, on SQLite, the key file; null with Redis and no
 * configured key (instances must share one key, so attaching is off rather than unreadable elsewhere).
 */
export function resolveAttachmentKey(options: {
  readonly configured: Uint8Array | null;
  readonly sharedBackend: boolean;
  readonly dataDir: string;
}): ResolvedKey | null {
  if (options.configured) return { key: attachmentKey(options.configured), source: "config", path: null };
  if (options.sharedBackend) return null;
  return keyFile(options.dataDir);
}
