// Security headers on every answer of the real app (pages, JSON, errors, 404, webhooks): a CSP,
// no framing or sniffing, no referrer; the web chat and staff pages keep their own CSPs; HSTS over
// https or with COOKIE_SECURE; the privacy notice is served and linked from the chat page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../helpers/app.js";

const COMMON = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

describe("security headers", () => {
  let app: TestApp;
  let secure: TestApp;
  beforeAll(async () => {
    app = await startApp({ STAFF_API_TOKEN: "staff-token-0123456789abcdef" });
    secure = await startApp({ COOKIE_SECURE: "true" });
  });
  afterAll(async () => {
    await app.close();
    await secure.close();
  });

  const requests: Array<[string, string, RequestInit?]> = [
    ["page", "/"],
    ["privacy page", "/privacy"],
    ["health", "/healthz"],
    ["search", "/api/search?q=khai%20sinh"],
    ["bad search (400)", "/api/search"],
    ["unknown path (404)", "/khong-co"],
    [
      "chat",
      "/api/chat",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"sessionId":"hdr-session-1","text":"xin chào"}',
      },
    ],
    [
      "malformed chat (400)",
      "/api/chat",
      { method: "POST", headers: { "content-type": "application/json" }, body: "{" },
    ],
    ["updates", "/api/chat/updates?sessionId=hdr-session-1"],
    ["staff API without token (401)", "/api/staff/handoffs"],
    ["staff console", "/staff"],
    ["bad receipt link (404)", "/files/receipts/X.pdf?e=1&t=2"],
    ["portal callback unsigned", "/portal/callback", { method: "POST", body: "{}" }],
  ];

  it.each(requests)("%s carries a CSP and the common headers", async (_name, path, init) => {
    const res = await app.http.request(path, init);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    for (const [name, value] of Object.entries(COMMON)) expect(res.headers.get(name)).toBe(value);
    expect(res.headers.get("strict-transport-security")).toBeNull(); // plain http, COOKIE_SECURE off
  });

  it("keeps the pages' own CSPs (the chat page's inline script, the console's own files)", async () => {
    const page = await app.http.request("/");
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'unsafe-inline'/);
    const consolePage = await app.http.request("/staff");
    expect(consolePage.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    const api = await app.http.request("/healthz");
    expect(api.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers.get("cache-control")).toBe("no-store");
  });

  it("sends HSTS for https requests, and always with COOKIE_SECURE=true", async () => {
    const proxied = await app.http.request("/healthz", { headers: { "x-forwarded-proto": "https" } });
    expect(proxied.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
    const forced = await secure.http.request("/api/search");
    expect(forced.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
  });

  it("serves the privacy notice in Vietnamese, linked from the chat page", async () => {
    const res = await app.http.request("/privacy");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(res.headers.get("content-security-policy")).not.toMatch(/script-src/);
    const html = await res.text();
    for (const phrase of [
      "xóa dữ liệu của tôi",
      "72 giờ",
      "đồng ý",
      "30 ngày",
      "91/2025/QH15",
      "Ai được xem",
    ])
      expect(html).toContain(phrase);
    expect(await (await app.http.request("/")).text()).toContain('href="/privacy"');
  });
});
