// HTTP routes of the real application (createApp, in-process through Hono's app.request):
// /healthz, /api/search and the polite 400 / 404 / 500 answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../helpers/app.js";

describe("HTTP app", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
    // Before any request: Hono builds its router on the first request and takes no routes after it.
    app.http.get("/test-only/boom", () => {
      throw new Error("index exploded for CCCD 001203004567");
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers /healthz", async () => {
    const res = await app.http.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("returns the top matches as JSON with source and checked date", async () => {
    const res = await app.http.request(
      `/api/search?q=${encodeURIComponent("lam giay khai sinh cho con can j")}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      decision: string;
      candidates: Array<{ slug: string; name: string; source: string; checked: string }>;
    };
    expect(body.decision).not.toBe("none");
    expect(body.candidates[0]).toMatchObject({ slug: "khai-sinh", name: "Đăng ký khai sinh" });
    expect(body.candidates[0]?.source).toMatch(/^https:\/\//);
    expect(body.candidates[0]?.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ["/api/search", /Vui lòng nhập câu hỏi/],
    ["/api/search?q=%20%20", /Vui lòng nhập câu hỏi/],
    [`/api/search?q=${"a".repeat(1001)}`, /quá 1000 ký tự/],
  ])("rejects %s with a polite 400", async (path, message) => {
    const res = await app.http.request(path);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it("answers unknown paths with a Vietnamese 404", async () => {
    const res = await app.http.request("/khong-co");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/Không tìm thấy/);
  });

  it("turns an internal failure into a polite 500 without a stack trace or personal data in the logs", async () => {
    const before = app.logs.length;
    const res = await app.http.request(
      `/test-only/boom?q=${encodeURIComponent("CCCD 001203004567 của tôi")}`,
    );
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toMatch(/Xin lỗi/);
    expect(text).not.toMatch(/at .*\.ts|exploded/);
    const logged = app.logs.slice(before).join("");
    expect(logged).toMatch(/request failed/); // the failure is logged…
    expect(logged).toContain("/test-only/boom");
    expect(logged).not.toContain("001203004567"); // …without the query or the error message
    expect(logged).not.toMatch(/exploded|\.ts:\d+/);
  });
});
