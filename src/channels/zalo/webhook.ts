// POST /zalo/webhook: checks the X-Bot-Api-Secret-Token header in constant time, reads a small JSON
// body, claims the update once and queues its turn, then answers 200 at once (the turn runs later).
import { Hono } from "hono";
import type { EventLog } from "../../core/ports.js";
import { readBodyText, sameSecret, TOO_LARGE, type InboundRunner } from "../common/index.js";
import type { ZaloUpdate } from "./update.js";

export const ZALO_WEBHOOK_PATH = "/zalo/webhook";
/** Zalo updates are a few hundred bytes; anything this large is not one. */
const MAX_BODY_BYTES = 256 * 1024;

export interface ZaloWebhookDeps {
  readonly secret: string;
  readonly inbound: InboundRunner;
  readonly translate: (body: unknown) => ZaloUpdate;
  readonly log: EventLog;
}

const answers = {
  unauthorized: "Khóa bí mật của webhook không đúng. / Wrong webhook secret.",
  tooLarge: "Nội dung gửi đến quá lớn. / Request body too large.",
  malformed: "Nội dung gửi đến không phải một cập nhật Zalo hợp lệ. / Not a valid Zalo update.",
  busy: "Hệ thống đang bận, vui lòng gửi lại sau. / Busy, please retry.",
};

/** The webhook route (mounted at "/" by the HTTP app). */
export function zaloWebhookRoute(deps: ZaloWebhookDeps): Hono {
  const app = new Hono();
  app.post(ZALO_WEBHOOK_PATH, async (c) => {
    if (!sameSecret(c.req.header("x-bot-api-secret-token"), deps.secret)) {
      deps.log.warn("zalo.webhook.unauthorized", {});
      return c.json({ ok: false, error: answers.unauthorized }, 401);
    }
    const raw = await readBodyText(c, MAX_BODY_BYTES);
    if (raw === TOO_LARGE) return c.json({ ok: false, error: answers.tooLarge }, 413);
    const body = parseJson(raw);
    const update = body === MALFORMED ? ({ kind: "malformed" } as const) : deps.translate(body);
    if (update.kind === "malformed") {
      deps.log.warn("zalo.webhook.malformed", {});
      return c.json({ ok: false, error: answers.malformed }, 400);
    }
    if (update.kind === "ignored") return c.json({ ok: true, status: "ignored" });
    let status: "queued" | "duplicate";
    try {
      status = await deps.inbound.accept(update.key, update.turn);
      if (status === "duplicate") deps.log.info("zalo.update.duplicate", {});
    } catch (err) {
      deps.log.error("zalo.webhook.queue-failed", { error: err instanceof Error ? err.name : "unknown" });
      return c.json({ ok: false, error: answers.busy }, 503);
    }
    return c.json({ ok: true, status });
  });
  return app;
}

const MALFORMED = Symbol("malformed");

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return MALFORMED;
  }
}
