// The receipt behind the chat: a citizen confirms a khai-sinh form, the embedded sandbox portal creates
// the dossier, the reply carries signed PDF/PNG links that serve the receipt (QR = dossier code), and
// tampered, expired or borrowed links get a Vietnamese 404.
import { randomUUID } from "node:crypto";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOSSIER_CODE_PATTERN } from "../../src/portal/contract.js";
import { filesRoute } from "../../src/http/files-route.js";
import { createReceiptLinks } from "../../src/receipts/links.js";
import { plainText } from "../../src/core/replies/plain.js";
import { startApp, type TestApp } from "../helpers/app.js";
import { APPLICANT_A, createdCode, fillAndConfirm, type Reply } from "../portal/sandbox/chat-stack.js";

const jsQR = jsQRModule.default;
const SECRET = "receipt-links-secret-for-tests-0123456789";
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** jsQR over the PNG's RGBA pixels (decoded with pngjs, independent of the renderer's canvas). */
function decodeQr(png: Buffer): string | null {
  const { data, width, height } = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height)?.data ?? null;
}

async function expectNotFound(app: TestApp, url: string): Promise<void> {
  const res = await app.http.request(url);
  expect(res.status, url).toBe(404);
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  expect(((await res.json()) as { error: string }).error).toMatch(/Không tìm thấy biên nhận/);
}

describe("receipt files from the chat", () => {
  let app: TestApp;
  let replies: Reply[];
  let code: string;
  let pdfUrl: string;
  let pngUrl: string;

  beforeAll(async () => {
    app = await startApp({ FILES_SECRET: SECRET });
    replies = await fillAndConfirm(app, `receipt-${randomUUID()}`, APPLICANT_A);
    code = createdCode(replies);
    const links = replies.flatMap((r) => r.links ?? []);
    pdfUrl = links.find((l) => l.label === "Biên nhận (PDF)")?.url ?? "";
    pngUrl = links.find((l) => l.label === "Biên nhận (ảnh PNG)")?.url ?? "";
  });
  afterAll(async () => {
    await app.close();
  });

  it("offers both receipt links, with a text line and a text fallback, after the dossier is created", () => {
    expect(code).toMatch(DOSSIER_CODE_PATTERN);
    const prefix = `/files/receipts/${code}`;
    expect(pdfUrl).toMatch(new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.pdf\\?e=\\d+&t=[\\w-]{43}$`));
    expect(pngUrl).toMatch(new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.png\\?e=\\d+&t=[\\w-]{43}$`));
    const text = replies.map((r) => r.text).join("\n");
    expect(text).toContain("🧾 Biên nhận hồ sơ");
    // Valid for 30 days by default.
    const expiresAt = Number(new URL(pdfUrl, "http://x").searchParams.get("e"));
    expect(expiresAt - Date.now() / 1000).toBeGreaterThan(30 * 86_400 - 120);
    expect(expiresAt - Date.now() / 1000).toBeLessThanOrEqual(30 * 86_400);
    // Text-only channels print the links as "label: url" lines.
    const plain = replies.map((r) => plainText({ text: r.text, ...(r.links ? { links: r.links } : {}) }));
    expect(plain.join("\n")).toContain(`Biên nhận (PDF): ${pdfUrl}`);
    expect(plain.join("\n")).toContain(`Biên nhận (ảnh PNG): ${pngUrl}`);
  });

  it("serves the PDF inline, private and never cached", async () => {
    const res = await app.http.request(pdfUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="bien-nhan-${code}.pdf"`);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(res.headers.get("content-length")).toBe(String(body.length));
  });

  it("prints the dossier's facts and the same papers as the chat reply", async () => {
    const text = replies.map((r) => r.text).join("\n");
    const papers = /Giấy tờ cần mang theo hoặc tải lên: (.+)\./.exec(text)?.[1]?.split("; ") ?? [];
    expect(papers.length).toBeGreaterThan(0);
    const found = await app.portal.receipts?.load(code);
    expect(found?.kind).toBe("found");
    if (found?.kind !== "found") return;
    expect(found.model).toMatchObject({ dossierCode: code, agencyCode: "H29.31", papersToBring: papers });
    expect(found.model.procedureName).toMatch(/khai sinh/i);
  });

  it("serves the PNG whose QR code decodes to the dossier code", async () => {
    const res = await app.http.request(pngUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="bien-nhan-${code}.png"`);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(decodeQr(body)).toBe(code);
  });

  it("answers 404 to a tampered signature", async () => {
    const url = new URL(pdfUrl, "http://x");
    const t = url.searchParams.get("t") ?? "";
    const flipped = `${t.slice(0, 10)}${t[10] === "A" ? "B" : "A"}${t.slice(11)}`;
    await expectNotFound(app, `${url.pathname}?e=${url.searchParams.get("e")}&t=${flipped}`);
    // A later expiry with the same signature, or no signature at all.
    const later = Number(url.searchParams.get("e")) + 86_400;
    await expectNotFound(app, `${url.pathname}?e=${later}&t=${t}`);
    await expectNotFound(app, url.pathname);
    await expectNotFound(app, `${url.pathname}?e=${url.searchParams.get("e")}&t=${t}x`);
  });

  it("answers 404 to an expired link signed with the right key", async () => {
    const past = createReceiptLinks({ secret: SECRET, ttlSeconds: 60, now: () => Date.now() - 3_600_000 });
    await expectNotFound(app, past.url(code, "pdf"));
    await expectNotFound(app, past.url(code, "png"));
  });

  it("answers 404 to another dossier code, signed or borrowing this link's signature", async () => {
    const other = code.replace(
      /-(\d{4,5})$/,
      (_, n: string) => `-${String(Number(n) + 1).padStart(n.length, "0")}`,
    );
    expect(other).not.toBe(code);
    const url = new URL(pdfUrl, "http://x");
    await expectNotFound(app, `/files/receipts/${other}.pdf${url.search}`);
    // Validly signed, but motcua never created that dossier.
    const signer = createReceiptLinks({ secret: SECRET, ttlSeconds: 3600 });
    await expectNotFound(app, signer.url(other, "pdf"));
    // Another key, another format or no format.
    const stranger = createReceiptLinks({ secret: `${SECRET}-other`, ttlSeconds: 3600 });
    await expectNotFound(app, stranger.url(code, "png"));
    await expectNotFound(app, `/files/receipts/${code}.gif${url.search}`);
    await expectNotFound(app, `/files/receipts/${code}${url.search}`);
  });

  it("keeps the signature out of the logs", () => {
    const t = new URL(pdfUrl, "http://x").searchParams.get("t") ?? "";
    expect(app.logs.join("\n")).not.toContain(t);
  });
});

describe("receipt links without FILES_SECRET or without a portal", () => {
  it("signs with a random key made at start-up (and says so)", async () => {
    const app = await startApp();
    try {
      expect(app.portal.receipts).not.toBeNull();
      expect(app.logs.join("\n")).toMatch(/FILES_SECRET not set/);
      const foreign = createReceiptLinks({ secret: SECRET, ttlSeconds: 3600 });
      await expectNotFound(app, foreign.url("H29.31-240315-0001", "pdf"));
    } finally {
      await app.close();
    }
  });

  it("answers 404 to every receipt link when no portal is connected", async () => {
    const app = await startApp({ PORTAL: "off", FILES_SECRET: SECRET });
    try {
      expect(app.portal.receipts).toBeNull();
      const signer = createReceiptLinks({ secret: SECRET, ttlSeconds: 3600 });
      await expectNotFound(app, signer.url("H29.31-240315-0001", "pdf"));
    } finally {
      await app.close();
    }
  });
});

describe("receipt files while the portal is down", () => {
  it("answers 503 in Vietnamese, not cached, for a valid link", async () => {
    const links = createReceiptLinks({ secret: SECRET, ttlSeconds: 3600 });
    const route = filesRoute({ links, load: () => Promise.resolve({ kind: "unavailable" }) });
    const res = await route.request(links.url("H29.31-240315-0001", "png"));
    expect(res.status).toBe(503);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(((await res.json()) as { error: string }).error).toMatch(/Cổng dịch vụ công đang không phản hồi/);
  });
});
