// GET /files/checklists/<slug>.<pdf|png>?e=…&t=… — a procedure's printable checklist (staff forwarding)
// behind a signed, expiring link; any bad, expired or unknown link gets the same Vietnamese 404.
import { Hono, type Context } from "hono";
import type { ChecklistService } from "../receipts/checklist-files.js";

/** What the route needs: link checks and rendering. */
export type ChecklistRouteDeps = Pick<ChecklistService, "verify" | "render">;

const FILE = /^([a-z0-9-]{1,80})\.(pdf|png)$/;
const NO_STORE = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
const NOT_FOUND = {
  error:
    "Không tìm thấy danh sách giấy tờ, hoặc đường dẫn đã hết hạn. Anh/chị gõ lại /chiase <tên thủ tục> để lấy đường dẫn mới.",
};

const notFound = (c: Context) => c.json(NOT_FOUND, 404, NO_STORE);

/** Mounts the checklist files; `deps` null = not served (every link answers 404). */
export function checklistRoute(deps: ChecklistRouteDeps | null): Hono {
  const app = new Hono();
  app.get("/files/checklists/:file", async (c) => {
    const m = FILE.exec(c.req.param("file"));
    const slug = m?.[1];
    const format = m?.[2] === "pdf" ? "pdf" : "png";
    if (!deps || !slug || !deps.verify(slug, c.req.query("e"), c.req.query("t"))) return notFound(c);
    const body = await deps.render(slug, format);
    if (!body) return notFound(c);
    return c.body(new Uint8Array(body), 200, {
      ...NO_STORE,
      "Content-Type": format === "pdf" ? "application/pdf" : "image/png",
      "Content-Length": String(body.length),
      "Content-Disposition": `inline; filename="danh-sach-giay-to-${slug}.${format}"`,
      "Referrer-Policy": "no-referrer",
    });
  });
  return app;
}
