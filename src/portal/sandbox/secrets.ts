// Hashing and sealing for the sandbox: sha256 of tokens and owner ID numbers (salted), a stable
// request fingerprint, and AES-GCM sealing of a replayable token under the caller's idempotency key.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Constant-time equality of two strings (false when lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A new per-dossier access token (shown once to the creator). */
export function newAccessToken(): string {
  return `dt_${randomBytes(32).toString("base64url")}`;
}

export function newSalt(): string {
  return randomBytes(16).toString("hex");
}

/** Salted hash of an owner's ID number (the sandbox never stores the number itself). */
export function ownerHash(salt: string, idNumber: string): string {
  return sha256(`${salt}:${idNumber}`);
}

/** JSON with object keys sorted, so the same request always gives the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function requestFingerprint(body: unknown): string {
  return sha256(canonical(body));
}

/** The stored name of an idempotency key (the key itself is never stored). */
export function idempotencyKeyHash(key: string): string {
  return sha256(`idempotency-key:${key}`);
}

function sealKey(idempotencyKey: string): Buffer {
  return createHash("sha256").update(`idempotency-seal:${idempotencyKey}`, "utf8").digest();
}

/** Encrypts `secret` so only a caller presenting the same idempotency key can read it back. */
export function seal(idempotencyKey: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(idempotencyKey), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64");
}

export function unseal(idempotencyKey: string, sealed: string): string {
  const raw = Buffer.from(sealed, "base64");
  const decipher = createDecipheriv("aes-256-gcm", sealKey(idempotencyKey), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
