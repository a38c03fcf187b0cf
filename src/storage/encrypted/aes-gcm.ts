// AES-256-GCM with a random 12-byte IV and a 16-byte tag, and additional authenticated data: the one
// primitive under sealed records (cipher.ts) and sealed photo attachments (src/photos/seal.ts), which
// differ only in their envelopes.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** The parts of one encryption; each envelope lays them out its own way. */
export interface GcmParts {
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/** Encrypts `plain` under a 32-byte key with a fresh random IV, binding `aad` in. */
export function gcmEncrypt(key: Uint8Array, plain: Uint8Array, aad: Uint8Array): GcmParts {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** The plaintext, or null when the parts do not authenticate (damaged, other AAD or wrong key). */
export function gcmDecrypt(key: Uint8Array, parts: GcmParts, aad: Uint8Array): Buffer | null {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, parts.iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

/** A 32-byte key for one purpose (`info`) from a master key (HKDF-SHA256, no salt): records and
 * photos derive their own keys from the same master and never share key material. */
export function deriveKey(master: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), info, 32));
}
