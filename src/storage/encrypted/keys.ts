// Where the data keys come from: DATA_KEYS; else ATTACHMENTS_KEY (alias); else on SQLite the same
// key file as attachments (<DATA_DIR>/attachments.key, 0600); else (Redis, no key) none: plaintext.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { KEY_FILE, resolveAttachmentKey } from "../../photos/key-file.js";
import { attachmentKey } from "../../photos/seal.js";
import type { DataKey } from "./cipher.js";

/** Where the current key came from (for one log line; keys are never logged). */
export type DataKeySource = "DATA_KEYS" | "ATTACHMENTS_KEY" | "key-file" | "key-file-created";

export interface ResolvedDataKeys {
  /** First = current (seals); the others only open older records. */
  readonly keys: readonly DataKey[];
  readonly source: DataKeySource;
}

export interface DataKeyOptions {
  /** DATA_KEYS, first = current; empty when not configured. */
  readonly configured: readonly DataKey[];
  /** ATTACHMENTS_KEY, if configured. */
  readonly attachmentsKey: Uint8Array | null;
  /** True with Redis: instances must share a configured key, so no key file is made. */
  readonly sharedBackend: boolean;
  readonly dataDir: string;
}

function unique(keys: readonly DataKey[]): DataKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => !seen.has(k.id) && seen.add(k.id));
}

/**
 * Resolves the data keys. With DATA_KEYS, ATTACHMENTS_KEY and an existing key file are kept as older
 * keys, so records sealed before DATA_KEYS was set still open (and `npm run keys:rotate` moves them).
 * Null on Redis without DATA_KEYS or ATTACHMENTS_KEY (records then stay plaintext: the caller warns).
 */
export function resolveDataKeys(options: DataKeyOptions): ResolvedDataKeys | null {
  const older: DataKey[] = [];
  // A single key is named after its bytes, with the same id the attachment vault gives it.
  if (options.attachmentsKey) older.push(attachmentKey(options.attachmentsKey));
  const file = join(options.dataDir, KEY_FILE);
  if (!options.sharedBackend && existsSync(file)) {
    const resolved = resolveAttachmentKey({
      configured: null,
      sharedBackend: false,
      dataDir: options.dataDir,
    });
    if (resolved) older.push(resolved.key);
  }
  if (options.configured.length > 0)
    return { keys: unique([...options.configured, ...older]), source: "DATA_KEYS" };
  if (older.length > 0)
    return { keys: unique(older), source: options.attachmentsKey ? "ATTACHMENTS_KEY" : "key-file" };
  if (options.sharedBackend) return null;
  const created = resolveAttachmentKey({ configured: null, sharedBackend: false, dataDir: options.dataDir });
  return created ? { keys: [created.key], source: "key-file-created" } : null;
}
