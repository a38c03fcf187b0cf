// Staff forwarding mode through the real assistant (createApp on a temporary DATA_DIR): /chiase gets
// one compact answer built from the knowledge base (papers, fee, time, where, online link, source and
// date) plus checklist files (PDF, PNG) behind signed links that download and parse.
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/messages.js";
import { COPY_LABEL } from "../../src/core/replies/index.js";
import { CHECKLIST_PNG_MIN_HEIGHT, CHECKLIST_PNG_WIDTH } from "../../src/receipts/checklist-png.js";
import { forwardingApp, officer, procedure, viDate } from "./forwarding-app.js";
import { pdfText } from "./pdf.js";

const jsQR = jsQRModule.default;
const { app } = forwardingApp();

const paperName = (id: string): string => {
  const name = app().kb.documents.get(id)?.name ?? id;
  return name.charAt(0).toLocaleUpperCase("vi") + name.slice(1);
};

async function download(url: string): Promise<{ status: number; type: string | null; body: Buffer }> {
  const res = await app().http.request(url);
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

function pngInfo(png: Buffer): { width: number; height: number; qr: string | null } {
  const { data, width, height } = PNG.sync.read(png);
  const qr = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height);
  return { width, height, qr: qr?.data ?? null };
}

describe("/chiase <thủ tục> from a listed officer", () => {
  let replies: Reply[];
  const p = () => procedure(app(), "khai-sinh");
  beforeAll(async () => {
    replies = await officer(app())("/chiase khai sinh");
  });

  it("answers with one compact copy-ready text built from the knowledge base, without follow-up options", () => {
    const [answer] = replies;
    const text = answer?.text ?? "";
    expect(answer?.options).toBeUndefined();
    expect(text).toContain(p().name);
    for (const item of p().documents) expect(text).toContain(paperName(item.doc));
    const first = p().documents[0];
    if (first?.quantity) expect(text).toContain(`${COPY_LABEL[first.copy]}, ${first.quantity} bản`);
    expect(text).toContain(p().fee.summary ?? "");
    expect(text).toContain(p().processing_time.summary ?? "");
    expect(text).toContain(p().submit.where);
    expect(text).toContain(p().submit.portal_url ?? "");
    expect(text).toContain(`Nguồn: ${p().sources[0]?.title ?? ""}`);
    expect(text).toContain(`kiểm tra ngày ${viDate(p().checked)}`);
    // Papers are numbered: one number per single paper or group of alternatives.
    const groups = new Set(p().documents.map((d) => d.group ?? `single:${d.doc}`));
    const numbered = text.split("\n").filter((l) => /^\d+\. /.test(l));
    expect(numbered.map((l) => Number(l.split(".")[0]))).toEqual([...groups].map((_, i) => i + 1));
  });

  it("adds the printable checklist as a PDF and a PNG behind signed links", async () => {
    const files = replies[1]?.files ?? [];
    expect(files.map((f) => f.mime)).toEqual(["application/pdf", "image/png"]);
    expect(replies[1]?.links?.map((l) => l.url)).toEqual(files.map((f) => f.url));
    const pdf = await download(files[0]?.url ?? "");
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe("application/pdf");
    const text = pdfText(pdf.body);
    expect(text).not.toContain("\uFFFD");
    expect(text).toContain(p().name);
    for (const item of p().documents) expect(text).toContain(paperName(item.doc));
    expect(text).toContain(p().sources[0]?.title ?? "");
    expect(text).toContain(`Thông tin kiểm tra ngày ${viDate(p().checked)}`);
    const png = await download(files[1]?.url ?? "");
    expect(png.status).toBe(200);
    expect(png.type).toBe("image/png");
    const info = pngInfo(png.body);
    expect(info.width).toBe(CHECKLIST_PNG_WIDTH);
    expect(info.height).toBeGreaterThanOrEqual(CHECKLIST_PNG_MIN_HEIGHT);
    expect(info.qr).toBe(p().submit.portal_url);
  });

  it("refuses a tampered or foreign link with a polite 404", async () => {
    const url = replies[1]?.files?.[0]?.url ?? "";
    for (const bad of [
      url.replace(/t=[^&]+/, "t=" + "A".repeat(43)),
      url.replace("khai-sinh.pdf", "ho-chieu.pdf"),
      url.replace("/files/checklists/", "/files/receipts/"),
    ]) {
      const res = await app().http.request(bad);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: string }).error).toMatch(/Không tìm thấy/);
    }
  });
});
