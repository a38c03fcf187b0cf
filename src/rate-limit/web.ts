// Rate limits of the web chat (POST /api/chat, /api/chat/photo): per session and per client
// address; over a limit the request gets a polite Vietnamese 429 with Retry-After and is not run.
import type { Context } from "hono";
import type { RateLimiter } from "../core/ports.js";
import { isOn, retryAfterSeconds, type RateLimitPolicy } from "./policy.js";

/** Checks a chat request; a Response (429) when it must wait, null when it may go on. */
export type WebLimit = (c: Context, sessionId: string) => Promise<Response | null>;

/** Loopback and in-process requests: local tools and tests, never limited per address. */
const LOCAL = new Set(["unknown", "127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** The client's address: the socket's, or behind a trusted proxy the last X-Forwarded-For entry. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const last = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (last) return last;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "unknown";
}

/** The web chat's limit check; `message` is the polite answer (from the reply templates). */
export function webLimit(deps: {
  readonly limiter: RateLimiter;
  readonly policy: RateLimitPolicy;
  readonly message: string;
  readonly now: () => number;
}): WebLimit {
  const { limiter, policy } = deps;
  return async (c, sessionId) => {
    const now = deps.now();
    const address = clientAddress(c, policy.trustProxy);
    if (isOn(policy.perAddress) && !LOCAL.has(address)) {
      const byAddress = await limiter.hit(`chat:ip:${address}`, policy.perAddress, now);
      if (!byAddress.allowed) return tooMany(c, deps.message, byAddress.retryAfterMs);
    }
    if (isOn(policy.perSession)) {
      const bySession = await limiter.hit(`chat:web:${sessionId}`, policy.perSession, now);
      if (!bySession.allowed) return tooMany(c, deps.message, bySession.retryAfterMs);
    }
    return null;
  };
}

function tooMany(c: Context, message: string, waitMs: number): Response {
  c.header("Retry-After", String(retryAfterSeconds(waitMs)));
  return c.json({ error: message }, 429);
}
