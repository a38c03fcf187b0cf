// AES-256-GCM sealing of personal data at rest, as text: "$mc1$<key id>$<iv>$<ciphertext+tag>" with a
// random 12-byte IV, the key id in the envelope (rotation) and the record's identity bound in as AAD.
import { deriveKey, gcmDecrypt, gcmEncrypt, IV_BYTES, TAG_BYTES } from "./aes-gcm.js";

/** A configured data key: its id (written into every envelope) and 32 bytes of key material. */
export interface DataKey {
  readonly id: string;
  readonly key: Uint8Array;
}

/** Seals and opens strings; the first key seals, every key opens (the others are older keys). */
export interface RecordCipher {
  /** Id of the key new envelopes are sealed with. */
  readonly currentKeyId: string;
  /** Encrypts `plain` bound to `binding` (e.g. "state\0<conversation id>"). */
  seal(plain: string, binding: string): string;
  /** Decrypts an envelope made for the same binding; throws UnreadableRecordError otherwise. */
  open(envelope: string, binding: string): string;
}

/** Why a sealed record could not be opened (logged with the key id only, never the content). */
export type UnreadableReason = "unknown-key" | "damaged";

/** A sealed value that no configured key opens (missing old key, wrong key, damage or a moved record). */
export class UnreadableRecordError extends Error {
  constructor(
    readonly reason: UnreadableReason,
    readonly keyId: string | null,
  ) {
    super(
      reason === "unknown-key"
        ? `record sealed with key "${keyId ?? "?"}", which is not in DATA_KEYS`
        : `sealed record does not authenticate (key "${keyId ?? "?"}": damaged, moved or wrong key)`,
    );
    this.name = "UnreadableRecordError";
  }
}

const PREFIX = "$mc1$";
/** Key ids: short, and never containing the envelope's separator. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** True when `text` looks like an envelope (anything else is a record written before encryption). */
export function isSealed(text: string): boolean {
  return text.startsWith(PREFIX);
}

/** The key id of an envelope, or null when `text` is not one. */
export function sealedKeyId(text: string): string | null {
  if (!isSealed(text)) return null;
  const end = text.indexOf("$", PREFIX.length);
  return end > PREFIX.length ? text.slice(PREFIX.length, end) : null;
}

/** The record key of a master key: HKDF-SHA256, so the same master can also seal attachments. */
function recordKey(master: Uint8Array): Buffer {
  return deriveKey(master, "motcua records v1");
}

const aad = (binding: string): Buffer => Buffer.from(`motcua-record\0${binding}`, "utf8");

/** Builds the cipher over `keys` (first = current); throws on an empty list, bad ids or sizes. */
export function createRecordCipher(keys: readonly DataKey[]): RecordCipher {
  const first = keys[0];
  if (!first) throw new Error("createRecordCipher needs at least one key");
  const derived = new Map<string, Buffer>();
  for (const k of keys) {
    if (!KEY_ID_PATTERN.test(k.id)) throw new Error(`invalid data key id "${k.id}"`);
    if (k.key.byteLength !== 32) throw new Error(`data key "${k.id}" must have 32 bytes`);
    if (!derived.has(k.id)) derived.set(k.id, recordKey(k.key));
  }
  const current = derived.get(first.id) as Buffer;
  return {
    currentKeyId: first.id,
    seal(plain, binding) {
      const { iv, ciphertext, tag } = gcmEncrypt(current, Buffer.from(plain, "utf8"), aad(binding));
      const body = Buffer.concat([ciphertext, tag]);
      return `${PREFIX}${first.id}$${iv.toString("base64url")}$${body.toString("base64url")}`;
    },
    open(envelope, binding) {
      const parts = envelope.slice(PREFIX.length).split("$");
      const keyId = parts[0] ?? null;
      if (!isSealed(envelope) || parts.length !== 3) throw new UnreadableRecordError("damaged", keyId);
      const key = derived.get(keyId as string);
      if (!key) throw new UnreadableRecordError("unknown-key", keyId);
      const iv = Buffer.from(parts[1] as string, "base64url");
      const body = Buffer.from(parts[2] as string, "base64url");
      if (iv.length !== IV_BYTES || body.length < TAG_BYTES)
        throw new UnreadableRecordError("damaged", keyId);
      const ciphertext = body.subarray(0, body.length - TAG_BYTES);
      const tag = body.subarray(body.length - TAG_BYTES);
      const plain = gcmDecrypt(key, { iv, ciphertext, tag }, aad(binding));
      if (!plain) throw new UnreadableRecordError("damaged", keyId);
      return plain.toString("utf8");
    },
  };
}
