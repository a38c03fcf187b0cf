// POST /portal/callback: the portal's signed status-change callbacks. The signature is checked
// (HMAC, constant time, fresh timestamp) before anything is queued; bad ones get 401.
import { Hono } from "hono";
import { readBodyText, TOO_LARGE } from "../channels/common/index.js";
import type { StatusCallback } from "../portal/contract.js";
import { verifyCallback } from "../portal/client/index.js";

const MAX_BYTES = 64 * 1024;

export interface PortalCallbackDeps {
  /** Shared secret with the portal; null disables the endpoint (404). */
  readonly secret: string | null;
  /** Queues the verified change (deduplicated by its eventId). */
  accept(callback: StatusCallback): Promise<void>;
}

export function portalCallbackRoute(deps: PortalCallbackDeps): Hono {
  const app = new Hono();
  app.post("/portal/callback", async (c) => {
    // Unauthenticated: a declared length over the limit is refused unread, a longer body not buffered.
    const raw = await readBodyText(c, MAX_BYTES);
    if (raw === TOO_LARGE) return c.json({ error: "Nội dung quá lớn." }, 413);
    if (deps.secret === null) return c.json({ error: "Chưa bật nhận thông báo từ cổng." }, 404);
    const callback = verifyCallback(deps.secret, c.req.raw.headers, raw);
    if (!callback) return c.json({ error: "Chữ ký không hợp lệ." }, 401);
    await deps.accept(callback);
    return c.json({ received: true });
  });
  return app;
}
