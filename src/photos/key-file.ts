// Where the attachment keys come from: with DATA_KEYS, keys derived (HKDF) from each data key, the
// current one sealing; else ATTACHMENTS_KEY, else (SQLite) a 0600 key file; else none (attaching off).
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deriveKey } from "../storage/encrypted/aes-gcm.js";
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

/** HKDF info: photos never use a data key's own bytes, so records and photos never share key material. */
export const PHOTO_KEY_INFO = "motcua attachments v1";

/** The photo key derived from one 32-byte data key (HKDF-SHA256, no salt, PHOTO_KEY_INFO). */
export function photoKeyFromDataKey(dataKey: Uint8Array): AttachmentKey {
  const derived = deriveKey(dataKey, PHOTO_KEY_INFO);
  try {
    return attachmentKey(derived);
  } finally {
    derived.fill(0);
  }
}

/** The keys of the vault: one seals, the others only open older photos; and where they came from. */
export interface ResolvedPhotoKeys {
  readonly key: AttachmentKey;
  readonly olderKeys: readonly AttachmentKey[];
  readonly source: "DATA_KEYS" | ResolvedKey["source"];
  /** The DATA_KEYS id the sealing key is derived from (null without DATA_KEYS). */
  readonly dataKeyId: string | null;
  /** The key file's path, when a file is the sealing key. */
  readonly path: string | null;
}

/**
 * The photo keys. Without DATA_KEYS: resolveAttachmentKey (nothing changes). With DATA_KEYS: new photos
 * are sealed with the key derived from the first (current) data key; the keys derived from the others,
 * ATTACHMENTS_KEY and an existing key file (never created here) still open photos sealed before.
 */
export function resolvePhotoKeys(options: {
  readonly dataKeys: readonly { readonly id: string; readonly key: Uint8Array }[];
  readonly configured: Uint8Array | null;
  readonly sharedBackend: boolean;
  readonly dataDir: string;
}): ResolvedPhotoKeys | null {
  const [current, ...rest] = options.dataKeys;
  if (!current) {
    const single = resolveAttachmentKey(options);
    return single && { ...single, olderKeys: [], dataKeyId: null };
  }
  const key = photoKeyFromDataKey(current.key);
  const older = rest.map((k) => photoKeyFromDataKey(k.key));
  if (options.configured) older.push(attachmentKey(options.configured));
  const file = join(options.dataDir, KEY_FILE);
  if (!options.sharedBackend && existsSync(file)) older.push(readKeyFile(file));
  const seen = new Set([key.id]);
  const olderKeys = older.filter((k) => !seen.has(k.id) && seen.add(k.id));
  return { key, olderKeys, source: "DATA_KEYS", dataKeyId: current.id, path: null };
}
