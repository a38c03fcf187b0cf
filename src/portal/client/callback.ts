// Verifies a signed status-change callback from the portal: HMAC signature over "<timestamp>.<raw body>",
// fresh timestamp, then the body parsed with the contract's schema. Anything wrong → null.
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  statusCallbackSchema,
  type StatusCallback,
} from "../contract.js";
import { verifySignature } from "../signature.js";

/** Node's IncomingHttpHeaders, a plain record, or a fetch/Hono `Headers`. */
export type CallbackHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

function header(headers: CallbackHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === "string" ? value : undefined; // repeated headers are refused
}

/** The callback when its signature is right and fresh and its body follows the contract, else null. */
export function verifyCallback(
  secret: string,
  headers: CallbackHeaders,
  rawBody: string | Uint8Array,
  nowSeconds?: number,
): StatusCallback | null {
  if (secret.length === 0) return null;
  const body = typeof rawBody === "string" ? rawBody : Buffer.from(rawBody).toString("utf8");
  const ok = verifySignature(
    secret,
    header(headers, TIMESTAMP_HEADER),
    body,
    header(headers, SIGNATURE_HEADER),
    nowSeconds,
  );
  if (!ok) return null;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = statusCallbackSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
