// Encryption at rest of personal data (AES-256-GCM, key rotation): the cipher, the per-record codecs,
// the store wrapper and key resolution. Used by createStores and scripts/rotate-keys.ts.
export {
  createRecordCipher,
  isSealed,
  sealedKeyId,
  UnreadableRecordError,
  type DataKey,
  type RecordCipher,
  type UnreadableReason,
} from "./cipher.js";
export { codecs, resealText, SEALED_FIELD, type RecordKind, type ResealOutcome } from "./records.js";
export { encryptStores, type UnreadableHandler } from "./stores.js";
export { resolveDataKeys, type DataKeySource, type ResolvedDataKeys } from "./keys.js";
export { setUpEncryption, type EncryptionLog, type EncryptionSetUp } from "./setup.js";
