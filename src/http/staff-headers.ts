// Security headers for staff pages and API answers: the app-wide set (no framing, no sniffing, no
// referrer, never cached) enforced with the page's own strict CSP (same-origin files only, no inline code).
import { createMiddleware } from "hono/factory";
import { API_CSP, DEFAULTS } from "./security-headers.js";

export { API_CSP };

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

/** Sets the security headers (after the handler, so they are on every answer, errors included). */
export function securityHeaders(csp: string) {
  return createMiddleware(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(DEFAULTS)) c.header(name, value);
    c.header("Content-Security-Policy", csp);
  });
}
