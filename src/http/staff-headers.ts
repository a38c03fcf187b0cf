// Security headers for staff pages and API answers: a strict CSP (same-origin files only, no inline
// code), no framing, no sniffing, no referrer, never cached. Reusable for other pages (issue 6).
import { createMiddleware } from "hono/factory";

/** CSP of the console page: only its own script, style and API; nothing inline, nothing external. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** CSP of JSON and file answers: they load nothing and may not be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Adds the security headers (after the handler, so they are on every answer, errors included). */
export function securityHeaders(csp: string) {
  return createMiddleware(async (c, next) => {
    await next();
    c.header("Content-Security-Policy", csp);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Frame-Options", "DENY");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cross-Origin-Opener-Policy", "same-origin");
    c.header("Cross-Origin-Resource-Policy", "same-origin");
    c.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    c.header("Cache-Control", "no-store");
  });
}
