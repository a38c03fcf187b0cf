// Request ids: a sane incoming X-Request-Id is echoed, anything else replaced by a fresh UUID; each
// request is logged once with its id, method, path and status, never the query string.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chat, startApp, type TestApp } from "../helpers/app.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let app: TestApp;

beforeAll(async () => {
  app = await startApp({ PORTAL: "off" });
});
afterAll(async () => {
  await app?.close();
});

/** The parsed "request" log lines. */
function requestLogs(): Array<Record<string, unknown>> {
  return app.logs
    .flatMap((chunk) => chunk.split("\n"))
    .filter((line) => line.includes('"msg":"request"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("X-Request-Id", () => {
  it("echoes a sane incoming id and logs the request with it", async () => {
    const res = await app.http.request("/api/search?q=khai%20sinh", {
      headers: { "X-Request-Id": "proxy-abc.123:xyz" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("proxy-abc.123:xyz");
    const line = requestLogs().find((l) => l.reqId === "proxy-abc.123:xyz");
    expect(line).toMatchObject({ method: "GET", path: "/api/search", status: 200 });
    expect(typeof line?.ms).toBe("number");
    expect(JSON.stringify(line)).not.toContain("khai");
  });

  it("generates a UUID when none is sent, and replaces ids that are too long or odd", async () => {
    const none = await app.http.request("/healthz");
    expect(none.headers.get("x-request-id")).toMatch(UUID);
    for (const bad of ["x".repeat(200), "has space in it", "short", "<script>alert(1)</script>"]) {
      const res = await app.http.request("/healthz", { headers: { "X-Request-Id": bad } });
      expect(res.headers.get("x-request-id")).toMatch(UUID);
    }
    const a = await app.http.request("/healthz");
    const b = await app.http.request("/healthz");
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });

  it("is set on error answers too (404, 400) and on chat turns", async () => {
    const missing = await app.http.request("/no/such/page", { headers: { "X-Request-Id": "req-404-test" } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-request-id")).toBe("req-404-test");
    const bad = await app.http.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", "X-Request-Id": "req-400-test" },
      body: "{not json",
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("x-request-id")).toBe("req-400-test");
    expect(requestLogs().find((l) => l.reqId === "req-400-test")).toMatchObject({ status: 400 });
  });

  it("keeps personal data out of request logs (paths with ID or phone numbers masked)", async () => {
    await chat(app, "request-id-1", "số cccd của tôi là 001099012345, sđt 0912345678");
    await app.http.request("/files/receipts/001099012345.pdf");
    const logs = app.logs.join("");
    expect(logs).not.toContain("001099012345");
    expect(logs).not.toContain("0912345678");
    expect(requestLogs().some((l) => l.path === "/files/receipts/[…].pdf")).toBe(true);
  });
});
