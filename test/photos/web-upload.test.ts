// The web chat's photo upload, POST /api/chat/photo, through the real HTTP app (app.request): the
// photo reaches the assistant with its caption, and bad uploads get 400/413/415 with a polite
// Vietnamese error. The page offers the "📷 Gửi ảnh giấy tờ" button and keeps its CSP.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ATTACHMENT_BYTES } from "../../src/core/messages.js";
import { blurred, documentPhoto } from "../../scripts/lib/synthetic-photos.js";
import { startApp, type TestApp } from "../helpers/app.js";

let app: TestApp;
let photo: Buffer;

beforeAll(async () => {
  app = await startApp();
  photo = await documentPhoto({ width: 1400, height: 1000, seed: 5 });
}, 120_000);
afterAll(async () => {
  await app.close();
});

interface Answer {
  status: number;
  body: { replies?: Array<{ text: string }>; error?: string };
}

async function upload(
  bytes: Uint8Array,
  opts: { type?: string; session?: string | null; text?: string; header?: boolean } = {},
): Promise<Answer> {
  const session = opts.session === undefined ? `s${randomUUID()}` : opts.session;
  const query = new URLSearchParams();
  if (session && !opts.header) query.set("sessionId", session);
  if (opts.text) query.set("text", opts.text);
  const res = await app.http.request(`/api/chat/photo?${query.toString()}`, {
    method: "POST",
    headers: {
      "content-type": opts.type ?? "image/jpeg",
      ...(opts.header && session ? { "x-session-id": session } : {}),
    },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

const texts = (a: Answer): string => (a.body.replies ?? []).map((r) => r.text).join("\n");

describe("POST /api/chat/photo", () => {
  it("checks an uploaded photo and answers like a chat turn", async () => {
    const ok = await upload(photo);
    expect(ok.status).toBe(200);
    expect(texts(ok)).toContain("Ảnh rõ, đọc được");
    const blur = await upload(await blurred(photo, 4), { header: true });
    expect(blur.status).toBe(200);
    expect(texts(blur)).toContain("Ảnh hơi mờ");
  });

  it("passes the caption: “đính kèm vào hồ sơ” attaches the photo to that session", async () => {
    const session = `s${randomUUID()}`;
    const res = await upload(photo, { session, text: "đính kèm vào hồ sơ" });
    expect(texts(res)).toContain("Đã mã hóa và lưu ảnh vào hồ sơ");
    expect(await app.stores.attachments.listFor(`web:${session}`)).toHaveLength(1);
  });

  it("judges the content, not the declared type: a PDF sent as image/jpeg is refused politely", async () => {
    const res = await upload(Buffer.from("%PDF-1.5\n"), { type: "image/jpeg" });
    expect(res.status).toBe(200);
    expect(texts(res)).toContain("tệp PDF");
  });

  it("answers 415 to a body that does not declare an image type", async () => {
    for (const type of ["application/pdf", "text/plain", "application/json"]) {
      const res = await upload(photo, { type });
      expect(res.status).toBe(415);
      expect(res.body.error).toContain("không phải ảnh");
      expect(res.body.error).toContain("JPEG, PNG, WebP hoặc HEIC");
    }
  });

  it("answers 413 to a photo over the size limit", async () => {
    const res = await upload(new Uint8Array(MAX_ATTACHMENT_BYTES + 1));
    expect(res.status).toBe(413);
    expect(res.body.error).toContain("lớn quá 10 MB");
  });

  it("answers 400 without a valid session, to an empty body and to an overlong caption", async () => {
    const noSession = await upload(photo, { session: null });
    expect(noSession.status).toBe(400);
    expect(noSession.body.error).toContain("sessionId");
    expect((await upload(photo, { session: "bad id!" })).status).toBe(400);
    const empty = await upload(new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error).toContain("chọn ảnh");
    const long = await upload(photo, { text: "a".repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.error).toContain("dài quá");
  });

  it("offers the photo button on the page, without loosening its CSP", async () => {
    const res = await app.http.request("/");
    const page = await res.text();
    expect(page).toContain('data-role="photo"');
    expect(page).toContain("📷 Gửi ảnh giấy tờ");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(page).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)="https?:/);
  });
});
