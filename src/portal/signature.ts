// HMAC-SHA256 signatures of portal callbacks: signature = hex(HMAC(secret, "<timestamp>.<raw body>")),
// checked in constant time and refused when the timestamp is more than five minutes away.
import { createHmac, timingSafeEqual } from "node:crypto";

export const MAX_SKEW_SECONDS = 300;

export function signBody(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** True when `signature` is the HMAC of this body and timestamp and the timestamp is fresh. */
export function verifySignature(
  secret: string,
  timestamp: string | undefined,
  body: string,
  signature: string | undefined,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature))
    return false;
  const ts = Number(timestamp);
  if (Math.abs(nowSeconds - ts) > MAX_SKEW_SECONDS) return false;
  const expected = Buffer.from(signBody(secret, ts, body), "hex");
  return timingSafeEqual(expected, Buffer.from(signature, "hex"));
}
