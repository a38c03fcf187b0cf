// HTTP-edge observer: webhook requests the channel routes refused (wrong secret, malformed body)
// counted as "rejected" updates of their channel (/telegram/webhook → telegram).
import type { MiddlewareHandler } from "hono";
import { safeLabel, type Metrics } from "./registry.js";

const WEBHOOK_PATH = /^\/([a-z]+)\/webhook\/?$/;

/** Counts 4xx answers of `/<channel>/webhook` as rejected updates. */
export function webhookRejections(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const channel = WEBHOOK_PATH.exec(c.req.path)?.[1];
    if (channel && c.req.method === "POST" && c.res.status >= 400 && c.res.status < 500)
      metrics.webhookUpdates.inc({ channel: safeLabel(channel), result: "rejected" });
  };
}
