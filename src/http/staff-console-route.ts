// Serves the staff console page (GET /staff) and its same-origin scripts and style, so the CSP can
// forbid inline code. With no account and no token configured, /staff answers a polite 404 page.
import { readFileSync } from "node:fs";
import { Hono } from "hono";

const NOT_ENABLED_PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Giao diện cán bộ chưa bật</title></head>
<body><h1>Giao diện cán bộ chưa bật</h1>
<p>Xin lỗi, giao diện dành cho cán bộ chưa được bật trên máy chủ này. Quản trị viên cần đặt
STAFF_ACCOUNTS (tạo bằng <code>npm run staff:hash</code>) hoặc STAFF_API_TOKEN.</p></body></html>`;

const asset = (name: string): string =>
  readFileSync(new URL(`./staff-console/${name}`, import.meta.url), "utf8");

/** Mounts GET /staff, /staff/console.js, /staff/answers.js and /staff/console.css; `enabled` false = 404 page. */
export function staffConsoleRoute(enabled: boolean): Hono {
  const app = new Hono();
  const files = {
    page: asset("index.html"),
    script: asset("console.js"),
    answers: asset("answers.js"),
    style: asset("console.css"),
  };
  app.get("/staff", (c) => (enabled ? c.html(files.page) : c.html(NOT_ENABLED_PAGE, 404)));
  app.get("/staff/", (c) => c.redirect("/staff", 301));
  app.get("/staff/console.js", (c) =>
    c.body(files.script, 200, { "Content-Type": "text/javascript; charset=utf-8" }),
  );
  app.get("/staff/answers.js", (c) =>
    c.body(files.answers, 200, { "Content-Type": "text/javascript; charset=utf-8" }),
  );
  app.get("/staff/console.css", (c) =>
    c.body(files.style, 200, { "Content-Type": "text/css; charset=utf-8" }),
  );
  return app;
}
