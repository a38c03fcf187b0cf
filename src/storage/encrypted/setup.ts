// Composition of encryption at rest from the configuration: resolves the keys, logs where they came
// from (ids only) and what happens without one, and reports unreadable records without their content.
import { createRecordCipher, type RecordCipher } from "./cipher.js";
import { resolveDataKeys, type DataKeyOptions } from "./keys.js";
import type { UnreadableHandler } from "./stores.js";

/** The part of a pino logger used here. */
export interface EncryptionLog {
  info(data: Record<string, unknown>, message: string): void;
  warn(data: Record<string, unknown>, message: string): void;
}

/** What createStores needs to seal records; null = plaintext at rest (Redis without a key). */
export interface EncryptionSetUp {
  readonly cipher: RecordCipher;
  readonly onUnreadable: UnreadableHandler;
}

/** Resolves the data keys and builds the cipher; logs the outcome (never a key or a record). */
export function setUpEncryption(options: DataKeyOptions, log: EncryptionLog): EncryptionSetUp | null {
  const resolved = resolveDataKeys(options);
  if (!resolved) {
    log.warn(
      { setting: "DATA_KEYS" },
      "personal data is stored UNENCRYPTED on Redis: set DATA_KEYS (the same on every instance) to encrypt it",
    );
    return null;
  }
  const cipher = createRecordCipher(resolved.keys);
  log.info(
    { source: resolved.source, keyId: cipher.currentKeyId, olderKeys: resolved.keys.length - 1 },
    "personal data at rest: AES-256-GCM",
  );
  return {
    cipher,
    onUnreadable: (kind, error) =>
      log.warn(
        { kind, keyId: error.keyId, reason: error.reason },
        error.reason === "unknown-key"
          ? "stored record sealed with a key missing from DATA_KEYS: treated as damaged"
          : "stored record does not decrypt: treated as damaged",
      ),
  };
}
