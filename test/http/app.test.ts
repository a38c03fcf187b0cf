// HTTP routes through Hono's app.request (no server): /healthz, /api/search and polite errors.
import { Writable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { createHttpApp } from "../../src/http/app.js";
import { buildIndexes, retrieverFromIndexes } from "../../src/retrieval/index.js";
import { realKb } from "../helpers/kb.js";

const logs: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, cb) {
    logs.push(chunk.toString());
    cb();
  },
});

describe("HTTP app", () => {
  let app: ReturnType<typeof createHttpApp>;
  beforeAll(async () => {
    const kb = realKb();
    const retriever = retrieverFromIndexes(kb, await buildIndexes(kb));
    app = createHttpApp({
      retriever,
      procedures: new Map(kb.procedures.map((p) => [p.slug, p])),
      logger: createLogger("info", sink),
    });
  });

  it("answers /healthz", async () => {
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("returns the top matches as JSON with source and checked date", async () => {
    const res = await app.request(`/api/search?q=${encodeURIComponent("lam giay khai sinh cho con can j")}`);
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
    const res = await app.request(path);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it("answers unknown paths with a Vietnamese 404", async () => {
    const res = await app.request("/khong-co");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/Không tìm thấy/);
  });

  it("turns an internal failure into a polite 500 without a stack trace or personal data in the logs", async () => {
    const kb = realKb();
    const retriever = retrieverFromIndexes(kb, await buildIndexes(kb));
    const fresh = createHttpApp({ retriever, procedures: new Map(), logger: createLogger("info", sink) });
    fresh.get("/test-only/boom", () => {
      throw new Error("index exploded");
    });
    const res = await fresh.request(`/test-only/boom?q=${encodeURIComponent("CCCD 001203004567 của tôi")}`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toMatch(/Xin lỗi/);
    expect(text).not.toMatch(/at .*\.ts/);
    expect(logs.join("")).not.toContain("001203004567");
  });
});
