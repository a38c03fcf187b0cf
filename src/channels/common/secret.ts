// Constant-time comparison of a presented secret (webhook secret headers): both sides are hashed
// first so lengths match and the time taken says nothing about the expected value.
import { createHash, timingSafeEqual } from "node:crypto";

/** True when `given` equals `expected`; an absent header never matches. */
export function sameSecret(given: string | undefined | null, expected: string): boolean {
  if (given === undefined || given === null) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
