// The web chat API of the real application: POST /api/chat answers with replies and options,
// malformed requests get a clear Vietnamese error and change nothing, the page is served safely
// and small, sessions are isolated, and an option that was not offered is ignored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chat, listen, startApp, type TestApp } from "../helpers/app.js";

type Replies = Awaited<ReturnType<typeof chat>>;

const SESSION = "chat-api-state-1";
const JSON_HEADERS = { "content-type": "application/json" };

describe("web chat API", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (body: string, headers: Record<string, string> = JSON_HEADERS) =>
    app.http.request("/api/chat", { method: "POST", headers, body });
  const stateOf = (sessionId: string) => app.stores.conversations.load(`web:${sessionId}`);
  const allText = (replies: Replies) => replies.map((r) => r.text).join("\n");

  it("answers a requirements question with the papers, the source and options", async () => {
    const res = await post(
      JSON.stringify({ sessionId: "chat-api-happy-1", text: "làm giấy khai sinh cho con cần gì" }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const { replies } = (await res.json()) as { replies: Replies };
    expect(replies.length).toBeGreaterThanOrEqual(2);
    const text = allText(replies);
    expect(text).toContain("Đăng ký khai sinh");
    expect(text).toMatch(/Giấy tờ cần chuẩn bị/);
    expect(text).toMatch(/Giấy chứng sinh — bản chính/);
    expect(text).toMatch(/Lệ phí/);
    expect(text).toMatch(/Nguồn: .*https:\/\//);
    for (const r of replies) {
      expect(r.text.trim().length).toBeGreaterThan(0);
      expect(r.text.length).toBeLessThanOrEqual(1000);
    }
    const options = replies.at(-1)?.options ?? [];
    expect(options.map((o) => o.id)).toEqual(expect.arrayContaining(["checklist", "form", "handoff"]));
    expect(options.find((o) => o.id === "form")?.label).toBe("Điền tờ khai");
    expect((await stateOf("chat-api-happy-1"))?.topic).toBe("khai-sinh");
  });

  it("answers a picked option (by id) with the next step", async () => {
    await chat(app, "chat-api-option-1", "làm giấy khai sinh cần gì");
    const replies = await chat(app, "chat-api-option-1", "", "form");
    expect(allText(replies)).toMatch(/Để điền «Tờ khai đăng ký khai sinh».*Anh\/chị có đồng ý không\?/s);
    expect(replies.at(-1)?.options?.map((o) => o.id)).toEqual(["yes", "no"]);
    expect((await stateOf("chat-api-option-1"))?.pending).toEqual({ kind: "form-consent" });
  });

  describe("malformed requests", () => {
    beforeAll(async () => {
      await chat(app, SESSION, "làm hộ chiếu cần gì");
    });

    const cases: Array<[string, string, Record<string, string>, number, RegExp]> = [
      ["no body", "", JSON_HEADERS, 400, /không đúng định dạng JSON/],
      [
        "invalid JSON",
        `{"sessionId": "${SESSION}", "text": "lệ phí`,
        JSON_HEADERS,
        400,
        /không đúng định dạng JSON/,
      ],
      ["a JSON array", JSON.stringify([SESSION, "lệ phí"]), JSON_HEADERS, 400, /đối tượng JSON/],
      ["JSON null", "null", JSON_HEADERS, 400, /đối tượng JSON/],
      [
        "missing sessionId",
        JSON.stringify({ text: "lệ phí bao nhiêu" }),
        JSON_HEADERS,
        400,
        /Thiếu mã phiên/,
      ],
      [
        "a numeric sessionId",
        JSON.stringify({ sessionId: 12345678, text: "lệ phí" }),
        JSON_HEADERS,
        400,
        /sessionId\) phải là chuỗi/,
      ],
      [
        "bad sessionId characters",
        JSON.stringify({ sessionId: "../../etc/passwd", text: "lệ phí" }),
        JSON_HEADERS,
        400,
        /sessionId\) không hợp lệ/,
      ],
      [
        "a too short sessionId",
        JSON.stringify({ sessionId: "abc", text: "lệ phí" }),
        JSON_HEADERS,
        400,
        /không hợp lệ/,
      ],
      ["missing text", JSON.stringify({ sessionId: SESSION }), JSON_HEADERS, 400, /Thiếu nội dung tin nhắn/],
      [
        "text not a string",
        JSON.stringify({ sessionId: SESSION, text: 42 }),
        JSON_HEADERS,
        400,
        /\(text\) phải là chuỗi/,
      ],
      [
        "text over 2000 characters",
        JSON.stringify({ sessionId: SESSION, text: "lệ phí ".repeat(400) }),
        JSON_HEADERS,
        400,
        /dài quá 2000 ký tự/,
      ],
      [
        "empty text without optionId",
        JSON.stringify({ sessionId: SESSION, text: "   " }),
        JSON_HEADERS,
        400,
        /Tin nhắn trống/,
      ],
      [
        "only control characters",
        JSON.stringify({ sessionId: SESSION, text: "\u0000\u0007\u001b" }),
        JSON_HEADERS,
        400,
        /Tin nhắn trống/,
      ],
      [
        "optionId not a string",
        JSON.stringify({ sessionId: SESSION, text: "", optionId: 2 }),
        JSON_HEADERS,
        400,
        /optionId\) phải là chuỗi/,
      ],
      [
        "a text/plain body",
        JSON.stringify({ sessionId: SESSION, text: "lệ phí" }),
        { "content-type": "text/plain" },
        415,
        /Content-Type: application\/json/,
      ],
      [
        "a form-encoded body",
        `sessionId=${SESSION}&text=le+phi`,
        { "content-type": "application/x-www-form-urlencoded" },
        415,
        /dạng JSON/,
      ],
      [
        "a body over 16 KB",
        JSON.stringify({ sessionId: SESSION, text: "a".repeat(17 * 1024) }),
        JSON_HEADERS,
        413,
        /quá lớn/,
      ],
    ];

    it.each(cases)(
      "rejects %s with a clear Vietnamese error and leaves the state as it was",
      async (_, body, headers, status, message) => {
        const before = await stateOf(SESSION);
        expect(before?.topic).toBe("ho-chieu");
        const res = await post(body, headers);
        expect(res.status).toBe(status);
        expect(res.headers.get("content-type")).toMatch(/application\/json/);
        const json = (await res.json()) as { error?: unknown; replies?: unknown };
        expect(json.replies).toBeUndefined();
        expect(typeof json.error).toBe("string");
        expect(json.error).toMatch(message);
        expect(json.error).toMatch(/[ăâđêôơưạảấầẩậắằẳặẹẻếềểệịỏốồổộớờởợụủứừửự]/i); // Vietnamese, not zod's English
        expect(await stateOf(SESSION)).toEqual(before);
      },
    );

    it("creates no conversation for a rejected request of a new session", async () => {
      const res = await post(JSON.stringify({ sessionId: "chat-api-never-1", text: 7 }));
      expect(res.status).toBe(400);
      expect(await stateOf("chat-api-never-1")).toBeNull();
    });

    it("still answers the session normally after the rejected requests", async () => {
      const replies = await chat(app, SESSION, "lệ phí bao nhiêu?");
      expect(allText(replies)).toMatch(/Về thủ tục «Cấp hộ chiếu[^»]*»:.*Lệ phí/s);
    });
  });

  it("serves the page with a strict CSP, nosniff and under 100 KB", async () => {
    const res = await app.http.request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:/); // no external origin is allowed
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.byteLength).toBeGreaterThan(1000);
    expect(bytes.byteLength).toBeLessThanOrEqual(100 * 1024);
    const html = new TextDecoder().decode(bytes);
    expect(html).toMatch(/<html lang="vi">/);
    expect(html).toContain("/api/chat");
    expect(html).toMatch(/<label for="input"/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/); // nothing loaded from elsewhere
  });

  describe("GET /api/chat/updates", () => {
    it.each([
      ["/api/chat/updates", /Thiếu mã phiên/],
      ["/api/chat/updates?sessionId=", /không hợp lệ/],
      ["/api/chat/updates?sessionId=a%2Fb%2Fc%2Fd%2Fe", /không hợp lệ/],
      [`/api/chat/updates?sessionId=${"x".repeat(101)}`, /không hợp lệ/],
    ])("rejects %s with 400", async (path, message) => {
      const res = await app.http.request(path);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    });

    it("answers an empty list when nothing is waiting", async () => {
      const res = await app.http.request("/api/chat/updates?sessionId=chat-api-updates-1");
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ replies: [] });
    });

    it("delivers what waits for the session once, and only to that session", async () => {
      await app.stores.outbox.push("web:chat-api-updates-2", [
        { text: "[Cán bộ] Chào anh, tôi xem hồ sơ nhé." },
      ]);
      const other = await app.http.request("/api/chat/updates?sessionId=chat-api-updates-3");
      expect(await other.json()).toEqual({ replies: [] });
      const mine = await app.http.request("/api/chat/updates?sessionId=chat-api-updates-2");
      expect(await mine.json()).toEqual({ replies: [{ text: "[Cán bộ] Chào anh, tôi xem hồ sơ nhé." }] });
      const again = await app.http.request("/api/chat/updates?sessionId=chat-api-updates-2");
      expect(await again.json()).toEqual({ replies: [] });
    });
  });

  it("keeps two sessions apart: each follow-up is about its own procedure", async () => {
    const a = "chat-api-isolated-a";
    const b = "chat-api-isolated-b";
    await chat(app, a, "làm giấy khai sinh cần gì");
    await chat(app, b, "đăng ký tạm trú cần giấy tờ gì");
    const feeA = allText(await chat(app, a, "lệ phí bao nhiêu?"));
    const feeB = allText(await chat(app, b, "lệ phí bao nhiêu?"));
    expect(feeA).toMatch(/Về thủ tục «Đăng ký khai sinh»/);
    expect(feeA).not.toMatch(/tạm trú/i);
    expect(feeB).toMatch(/Về thủ tục «Đăng ký tạm trú»/);
    expect(feeB).not.toMatch(/khai sinh/i);
    expect((await stateOf(a))?.topic).toBe("khai-sinh");
    expect((await stateOf(b))?.topic).toBe("tam-tru");
    // A consent given in one session is not given in the other.
    await chat(app, a, "", "form");
    await chat(app, a, "đồng ý");
    expect((await stateOf(a))?.consent).toBe(true);
    expect((await stateOf(b))?.consent).toBe(false);
  });

  it("ignores an optionId that was not offered: no erase, no ticket, a polite answer", async () => {
    const s = "chat-api-unoffered-1";
    await chat(app, s, "làm giấy khai sinh cần gì");
    const before = await stateOf(s);
    expect(before?.options.map((o) => o.id)).not.toContain("erase");

    const erase = await chat(app, s, "", "erase");
    expect(allText(erase)).not.toMatch(/chắc muốn xóa/);
    expect(allText(erase)).toMatch(/Xin lỗi|chưa hiểu/);
    const afterErase = await stateOf(s);
    expect(afterErase?.pending).toBeNull();
    expect(afterErase?.topic).toBe("khai-sinh");

    // In the middle of a form (no options shown), forged picks do not open a ticket or erase anything.
    const fresh = "chat-api-unoffered-2";
    await chat(app, fresh, "làm giấy khai sinh cần gì");
    await chat(app, fresh, "", "form");
    await chat(app, fresh, "đồng ý");
    expect((await stateOf(fresh))?.options).toEqual([]);
    const handoff = await chat(app, fresh, "", "handoff");
    expect(allText(handoff)).not.toMatch(/chuyển cuộc trò chuyện cho cán bộ/);
    expect(allText(handoff)).toMatch(/chưa nhập gì.*\(1\/15\) Họ, chữ đệm và tên người đi khai/s);
    expect(await app.stores.handoffs.openFor(`web:${fresh}`)).toBeNull();
    await chat(app, fresh, "", "yes");
    const mid = await stateOf(fresh);
    expect(mid?.handoff).toBeNull();
    expect(mid?.pending).toEqual({ kind: "form-field" });
    expect(mid?.form).toMatchObject({ slug: "khai-sinh", step: 0, values: {} });

    const other = "chat-api-unoffered-3";
    const bogus = await chat(app, other, "", "proc:khong-co-thu-tuc-nay");
    expect(allText(bogus)).toMatch(/Xin lỗi|chưa hiểu/);
    expect((await stateOf(other))?.topic).toBeNull();
  });

  it("flags an erase so the page drops its local copy; nothing personal stays on the server", async () => {
    const s = "chat-api-erase-1";
    await chat(app, s, "làm giấy khai sinh cho con cần gì");
    await chat(app, s, "", "form");
    await chat(app, s, "đồng ý");
    await chat(app, s, "Lê Văn Thử");
    const ask = await post(JSON.stringify({ sessionId: s, text: "xóa dữ liệu của tôi" }));
    expect(((await ask.json()) as { erased?: boolean }).erased).toBeUndefined();
    const res = await post(JSON.stringify({ sessionId: s, text: "có" }));
    const body = (await res.json()) as { erased?: boolean; replies: Replies };
    expect(body.erased).toBe(true);
    expect(allText(body.replies)).toMatch(/Đã xóa toàn bộ dữ liệu/);
    expect(JSON.stringify(body.replies)).not.toContain("control");
    const state = await stateOf(s);
    expect(state && { topic: state.topic, form: state.form, consent: state.consent }).toEqual({
      topic: null,
      form: null,
      consent: false,
    });
    expect(JSON.stringify(state)).not.toContain("Lê Văn Thử");
  });

  it("over a real socket: reads the body, refuses a big one (declared or chunked) with 413", async () => {
    const server = await listen(app);
    try {
      const ok = await fetch(`${server.url}/api/chat`, {
        method: "POST",
        headers: JSON_HEADERS,
        body: JSON.stringify({ sessionId: "chat-api-socket-1", text: "lệ phí làm hộ chiếu" }),
      });
      expect(ok.status).toBe(200);
      expect(allText(((await ok.json()) as { replies: Replies }).replies)).toMatch(/hộ chiếu/i);
      const big = JSON.stringify({ sessionId: "chat-api-socket-1", text: "a".repeat(20_000) });
      const declared = await fetch(`${server.url}/api/chat`, {
        method: "POST",
        headers: JSON_HEADERS,
        body: big,
      });
      expect(declared.status).toBe(413);
      expect(((await declared.json()) as { error: string }).error).toMatch(/quá lớn/);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      });
      const chunked = await fetch(`${server.url}/api/chat`, {
        method: "POST",
        headers: JSON_HEADERS,
        body: stream,
        duplex: "half",
      });
      expect(chunked.status).toBe(413);
    } finally {
      await server.stop();
    }
  });
});
