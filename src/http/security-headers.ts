// Security headers on every answer of the app (pages, JSON, files, webhooks, errors): a default CSP
// that loads nothing, no framing or sniffing, no referrer, no caching, and HSTS over https.
import { createMiddleware } from "hono/factory";
import type { Context } from "hono";

/** HSTS value: one year, subdomains included (sent only over https or with COOKIE_SECURE). */
export const HSTS = "max-age=31536000; includeSubDomains";

/** CSP of JSON and file answers: they load nothing and may not be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Headers every answer carries unless its route set a stricter or page-specific value. */
export const DEFAULTS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": API_CSP,
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  "Cache-Control": "no-store",
};

/** Whether the request came over https (directly, or as the reverse proxy says). */
export function isHttps(c: Context): boolean {
  const proto = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https" || new URL(c.req.url).protocol === "https:";
}

/**
 * The app-wide middleware. It runs after the route (so errors and 404s get the headers too) and
 * keeps what a route set itself: the web chat page's and the staff console's own CSPs stay.
 */
export function appSecurityHeaders(options: { readonly forceHsts: boolean }) {
  return createMiddleware(async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(DEFAULTS)) if (!headers.has(name)) c.header(name, value);
    if (options.forceHsts || isHttps(c)) c.header("Strict-Transport-Security", HSTS);
  });
}
