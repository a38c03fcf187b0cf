// POST /portal/callback: the portal's signed status-change callbacks. The signature is checked
// (HMAC, constant time, fresh timestamp) before anything is queued; bad ones get 401.
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
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
  const tooLarge = (c: Context) => c.json({ error: "Nội dung quá lớn." }, 413);
  app.post(
    "/portal/callback",
    // Refused before anything is read (unauthenticated: a huge body must not be buffered).
    async (c, next) => (Number(c.req.header("content-length") ?? "0") > MAX_BYTES ? tooLarge(c) : next()),
    bodyLimit({ maxSize: MAX_BYTES, onError: tooLarge }),
    async (c) => {
      if (deps.secret === null) return c.json({ error: "Chưa bật nhận thông báo từ cổng." }, 404);
      const raw = await c.req.text();
      const callback = verifyCallback(deps.secret, c.req.raw.headers, raw);
      if (!callback) return c.json({ error: "Chữ ký không hợp lệ." }, 401);
      await deps.accept(callback);
      return c.json({ received: true });
    },
  );
  return app;
}
