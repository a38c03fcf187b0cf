// GET /files/receipts/<code>.<pdf|png>?e=…&t=… — the dossier receipt (biên nhận) behind a signed,
// expiring link; any bad, expired or unknown link gets the same Vietnamese 404, never cached.
import { Hono, type Context } from "hono";
import type { ReceiptLinks } from "../receipts/links.js";
import { renderReceiptPdf, renderReceiptPng, type ReceiptModel } from "../receipts/index.js";

/** What the route asks for a dossier code whose link verified. */
export type ReceiptLookup =
  | { readonly kind: "found"; readonly model: ReceiptModel }
  | { readonly kind: "not-found" }
  | { readonly kind: "unavailable" };

export interface FilesRouteDeps {
  readonly links: Pick<ReceiptLinks, "verify">;
  /** The receipt of a dossier motcua created (lookup with the stored access token). */
  load(code: string): Promise<ReceiptLookup>;
}

const FILE = /^(.{1,80})\.(pdf|png)$/;
const NO_STORE = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
const NOT_FOUND = {
  error: "Không tìm thấy biên nhận, hoặc đường dẫn đã hết hạn. Anh/chị hỏi lại trợ lý để được hướng dẫn.",
};
const UNAVAILABLE = {
  error: "Cổng dịch vụ công đang không phản hồi nên chưa lấy được biên nhận. Anh/chị thử lại sau ít phút.",
};

const notFound = (c: Context) => c.json(NOT_FOUND, 404, NO_STORE);

/** Mounts the receipt files; `deps` null = receipts not served (every link answers 404). */
export function filesRoute(deps: FilesRouteDeps | null): Hono {
  const app = new Hono();
  app.get("/files/receipts/:file", async (c) => {
    const m = FILE.exec(c.req.param("file"));
    const code = m?.[1];
    const format = m?.[2] === "pdf" ? "pdf" : "png";
    if (!deps || !code || !deps.links.verify(code, c.req.query("e"), c.req.query("t"))) return notFound(c);
    const found = await deps.load(code);
    if (found.kind === "unavailable") return c.json(UNAVAILABLE, 503, { ...NO_STORE, "Retry-After": "120" });
    if (found.kind === "not-found") return notFound(c);
    const body = format === "pdf" ? await renderReceiptPdf(found.model) : await renderReceiptPng(found.model);
    return c.body(new Uint8Array(body), 200, {
      ...NO_STORE,
      "Content-Type": format === "pdf" ? "application/pdf" : "image/png",
      "Content-Length": String(body.length),
      "Content-Disposition": `inline; filename="bien-nhan-${code}.${format}"`,
      "Referrer-Policy": "no-referrer",
    });
  });
  return app;
}
