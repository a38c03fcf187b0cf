// AES-256-GCM sealing of attached photos: a random 12-byte IV per file, the 16-byte tag, and the
// key's id in the envelope so keys can rotate later. The attachment id is bound in (authenticated).
import { createHash } from "node:crypto";
import { gcmDecrypt, gcmEncrypt, IV_BYTES, TAG_BYTES } from "../storage/encrypted/aes-gcm.js";

/** A 32-byte AES key and its id (derived from the key, so it names the key without revealing it). */
export interface AttachmentKey {
  readonly id: string;
  readonly key: Uint8Array;
}

const MAGIC = Buffer.from("MCA1", "ascii");

/** The sealed bytes were damaged, sealed for another record, or by a key we do not have. */
export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealError";
  }
}

/** Wraps a 32-byte key with its id: the first 16 hex digits of a domain-separated SHA-256. */
export function attachmentKey(key: Uint8Array): AttachmentKey {
  if (key.byteLength !== 32) throw new SealError("an attachment key has 32 bytes");
  const id = createHash("sha256").update("motcua attachment key id\0").update(key).digest("hex").slice(0, 16);
  return { id, key: Uint8Array.from(key) };
}

/**
 * What a sealed file is bound to: opened as another attachment it fails. (Not the conversation: a
 * conversation continued on another channel takes its attachments along without re-sealing.)
 */
export interface SealContext {
  readonly attachmentId: string;
}

const aad = (c: SealContext): Buffer => Buffer.from(`motcua-attachment\0${c.attachmentId}`);

/** Encrypts `plain`: "MCA1" | key-id length | key id | IV | tag | ciphertext. */
export function seal(plain: Uint8Array, key: AttachmentKey, context: SealContext): Uint8Array {
  const { iv, ciphertext, tag } = gcmEncrypt(key.key, plain, aad(context));
  const id = Buffer.from(key.id, "ascii");
  return Buffer.concat([MAGIC, Buffer.from([id.length]), id, iv, tag, ciphertext]);
}

/** The id of the key a sealed file needs, or null when it is not a sealed file. */
export function sealedKeyId(sealed: Uint8Array): string | null {
  const b = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (b.length < MAGIC.length + 1 || !b.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const length = b[MAGIC.length] ?? 0;
  const end = MAGIC.length + 1 + length;
  return length > 0 && b.length >= end + IV_BYTES + TAG_BYTES
    ? b.toString("ascii", MAGIC.length + 1, end)
    : null;
}

/** Decrypts with whichever of `keys` sealed it; throws SealError when it cannot be opened. */
export function unseal(sealed: Uint8Array, keys: readonly AttachmentKey[], context: SealContext): Uint8Array {
  const id = sealedKeyId(sealed);
  if (id === null) throw new SealError("not a sealed attachment");
  const key = keys.find((k) => k.id === id);
  if (!key) throw new SealError("sealed with a key that is not configured");
  const b = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const ivAt = MAGIC.length + 1 + id.length;
  const tagAt = ivAt + IV_BYTES;
  const plain = gcmDecrypt(
    key.key,
    {
      iv: b.subarray(ivAt, tagAt),
      tag: b.subarray(tagAt, tagAt + TAG_BYTES),
      ciphertext: b.subarray(tagAt + TAG_BYTES),
    },
    aad(context),
  );
  if (!plain)
    throw new SealError("the sealed attachment does not authenticate (damaged, moved or wrong key)");
  return plain;
}
