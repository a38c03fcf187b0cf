// Staff passwords as scrypt hashes "scrypt$N$r$p$salt$hash" (node:crypto, salt and hash base64url):
// made by `npm run staff:hash`, checked at login in constant time. Passwords are NFC-normalised.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/** Cost parameters of new hashes: N = 2^15, r = 8, p = 1 (≈ 32 MiB, tens of ms per check). */
export const SCRYPT_DEFAULTS = { N: 32_768, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Largest N accepted from a stored hash (bounds the memory a check may take). */
const MAX_N = 1 << 20;

interface ParsedHash {
  readonly options: Required<Pick<ScryptOptions, "N" | "r" | "p">>;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function derive(password: string, salt: Buffer, length: number, o: ParsedHash["options"]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const maxmem = 256 * o.N * o.r + 1024 * 1024;
    scrypt(password.normalize("NFC"), salt, length, { ...o, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Parses a stored hash; null when it is malformed or its cost is out of bounds. */
function parse(stored: string): ParsedHash | null {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return null;
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = Number.isInteger(options.N) && options.N >= 2 && (options.N & (options.N - 1)) === 0;
  if (
    !powerOfTwo ||
    options.N > MAX_N ||
    !(options.r >= 1 && options.r <= 32) ||
    !(options.p >= 1 && options.p <= 16)
  )
    return null;
  const parsed = { options, salt: Buffer.from(salt, "base64url"), key: Buffer.from(key, "base64url") };
  return parsed.salt.length >= 8 && parsed.key.length >= 16 ? parsed : null;
}

/** Hashes a password for STAFF_ACCOUNTS with a fresh random salt. */
export async function hashPassword(
  password: string,
  options: { readonly N: number; readonly r: number; readonly p: number } = SCRYPT_DEFAULTS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, options);
  return `scrypt$${options.N}$${options.r}$${options.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** Whether `password` matches the stored hash (false for a malformed hash); constant-time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.key.length, parsed.options);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash is well formed with acceptable cost (checked at start-up). */
export function isUsableHash(stored: string): boolean {
  return parse(stored) !== null;
}
