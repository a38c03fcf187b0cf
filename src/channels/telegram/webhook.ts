// POST /telegram/webhook: Telegram's calls, checked against TELEGRAM_WEBHOOK_SECRET (the
// X-Telegram-Bot-Api-Secret-Token header, constant time) and answered at once; turns run in the queue.
import { Hono } from "hono";
import type { EventLog } from "../../core/ports.js";
import { readBodyText, sameSecret, TOO_LARGE, type InboundRunner } from "../common/index.js";
import type { Receiver } from "./receive.js";

export const WEBHOOK_PATH = "/telegram/webhook";
/** Updates are a few kilobytes; anything near this is not from Telegram. */
const MAX_BODY_BYTES = 256 * 1024;
const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

export interface WebhookDeps {
  readonly secret: string;
  readonly receive: Receiver;
  readonly inbound: InboundRunner;
  readonly log: EventLog;
}

/** The webhook route: 401 for a wrong or missing secret (nothing processed), 400 for a malformed body. */
export function telegramWebhook(deps: WebhookDeps): Hono {
  const app = new Hono();
  app.post(WEBHOOK_PATH, async (c) => {
    if (!sameSecret(c.req.header(SECRET_HEADER), deps.secret)) {
      deps.log.warn("telegram.webhook.unauthorized");
      return c.json({ error: "Yêu cầu không được xác thực. / Unauthorized." }, 401);
    }
    // A declared length over the limit is refused unread; a longer body is drained, not kept.
    const raw = await readBodyText(c, MAX_BODY_BYTES);
    if (raw === TOO_LARGE) return c.json({ error: "Nội dung gửi lên quá lớn. / Payload too large." }, 413);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return c.json({ error: "Nội dung không phải JSON hợp lệ. / Body is not valid JSON." }, 400);
    }
    try {
      const result = await deps.receive(deps.inbound, body);
      if (result === "invalid") {
        return c.json({ error: "Nội dung không phải một cập nhật Telegram. / Not a Telegram update." }, 400);
      }
      return c.json({ ok: true, result });
    } catch (err) {
      // Not even queued (store or queue unavailable): a non-2xx makes Telegram deliver it again.
      deps.log.error("telegram.webhook.failed", { error: err instanceof Error ? err.name : "unknown" });
      return c.json({ error: "Hệ thống đang bận, vui lòng thử lại sau. / Try again later." }, 503);
    }
  });
  return app;
}
