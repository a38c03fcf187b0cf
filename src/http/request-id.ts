// Request ids: every HTTP request gets one (a sane incoming X-Request-Id is kept, else a new UUID),
// echoed in the response header and written in one structured log line per request (no personal data).
import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Logger } from "../app/logger.js";

declare module "hono" {
  interface ContextVariableMap {
    /** This request's id (X-Request-Id). */
    requestId: string;
  }
}

export const REQUEST_ID_HEADER = "X-Request-Id";
/** Ids we accept from a proxy: printable token characters only, 8–128 of them. */
const SANE_ID = /^[A-Za-z0-9._:@/+=-]{8,128}$/;
/** Probes that would flood the logs at info level; logged at debug. */
const QUIET_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

/** The path for the log: digit runs that could be an ID or phone number masked, length capped. */
function safePath(path: string): string {
  return path.replace(/\d{9,}/g, "[…]").slice(0, 200);
}

/** The incoming id when it looks like one, else a fresh UUID. */
export function requestIdFrom(header: string | undefined): string {
  return header !== undefined && SANE_ID.test(header) ? header : randomUUID();
}

/**
 * Assigns the request id and logs method, path (never the query string, which may carry a
 * question), status and duration once the response is ready.
 */
export function requestId(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const id = requestIdFrom(c.req.header(REQUEST_ID_HEADER));
    const started = performance.now();
    c.set("requestId", id);
    try {
      await next();
    } finally {
      c.header(REQUEST_ID_HEADER, id);
      const line = {
        reqId: id,
        method: c.req.method,
        path: safePath(c.req.path),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
      if (QUIET_PATHS.has(c.req.path)) logger.debug(line, "request");
      else logger.info(line, "request");
    }
  };
}
