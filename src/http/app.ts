// The Hono application: mounts the channel routes, the staff API, search, the receipt files and
// /healthz, and one error boundary answering in polite Vietnamese (no stack trace), logging no personal data.
import { Hono, type MiddlewareHandler } from "hono";
import type { Logger } from "../app/logger.js";
import { webChatRoute, webPhotoRoute, type WebChatDeps } from "../channels/web/index.js";
import { filesRoute, type FilesRouteDeps } from "./files-route.js";
import { healthRoute, type HealthRouteDeps } from "./health-route.js";
import { requestId } from "./request-id.js";
import { checklistRoute, type ChecklistRouteDeps } from "./checklist-route.js";
import { portalCallbackRoute, type PortalCallbackDeps } from "./portal-callback-route.js";
import { searchRoute, type SearchRouteDeps } from "./search-route.js";
import { appSecurityHeaders } from "./security-headers.js";
import { privacyRoute } from "./privacy-route.js";
import { staffRoute, type StaffRouteDeps } from "./staff-route.js";

export interface HttpDeps extends SearchRouteDeps {
  readonly logger: Logger;
  readonly web: WebChatDeps;
  readonly staff: StaffRouteDeps;
  /** Signed receipt links (/files/receipts/…); absent or null = not served. */
  readonly files?: FilesRouteDeps | null;
  /** Printable checklists of staff forwarding (/files/checklists/…); absent or null = not served. */
  readonly checklists?: ChecklistRouteDeps | null;
  /** Signed status callbacks from the portal (absent = not served). */
  readonly portalCallback?: PortalCallbackDeps;
  /** Webhook routes of the push channels (Telegram, Zalo) that run in webhook mode. */
  readonly channelRoutes?: readonly Hono[];
  /** /readyz checks and the /metrics registry (absent: /readyz checks nothing, no /metrics). */
  readonly ops?: HealthRouteDeps;
  /** Middleware run on every request after the request id is set (metrics observers). */
  readonly observers?: readonly MiddlewareHandler[];
  /** Send HSTS on every answer (COOKIE_SECURE=true); otherwise only on https requests. */
  readonly forceHsts?: boolean;
}

/** Creates the HTTP app; testable without a server through `app.request()`. */
export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();
  app.use("*", requestId(deps.logger));
  for (const observer of deps.observers ?? []) app.use("*", observer);
  app.use(appSecurityHeaders({ forceHsts: deps.forceHsts ?? false }));
  app.get("/privacy", privacyRoute());
  app.route("/", healthRoute(deps.ops));
  app.route("/", webChatRoute(deps.web));
  app.route("/", webPhotoRoute(deps.web));
  app.route("/", staffRoute(deps.staff));
  app.route("/", searchRoute(deps));
  app.route("/", filesRoute(deps.files ?? null));
  app.route("/", checklistRoute(deps.checklists ?? null));
  if (deps.portalCallback) app.route("/", portalCallbackRoute(deps.portalCallback));
  for (const routes of deps.channelRoutes ?? []) app.route("/", routes);
  app.notFound((c) => c.json({ error: "Không tìm thấy địa chỉ này. / Not found." }, 404));
  app.onError((err, c) => {
    deps.logger.error({ err: { name: err.name }, reqId: c.get("requestId") }, "request failed");
    return c.json(
      { error: "Xin lỗi, hệ thống đang gặp sự cố. Vui lòng thử lại sau ít phút. / Internal error." },
      500,
    );
  });
  return app;
}
