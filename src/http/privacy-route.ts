// GET /privacy: the privacy notice in plain Vietnamese (what is collected and why, how long, who
// sees it, how to erase, consent per purpose, breach notice), a static page with a strict CSP.
import { readFileSync } from "node:fs";
import type { Handler } from "hono";

/** The page's CSP: its own inline style only; no script, nothing external, no framing. */
export const PRIVACY_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The handler serving the notice (read once when the app is made). */
export function privacyRoute(): Handler {
  const page = readFileSync(new URL("./privacy-page.html", import.meta.url), "utf8");
  return (c) =>
    c.body(page, 200, {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-cache",
      "Content-Security-Policy": PRIVACY_CSP,
    });
}
