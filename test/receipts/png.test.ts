// The PNG receipt: an A6 image at 150 dpi whose QR code decodes back to the dossier code (jsQR over the
// RGBA pixels decoded with pngjs), also when the papers list is too long to fit.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { RECEIPT_PNG_SIZE, renderReceipt, renderReceiptPng } from "../../src/receipts/index.js";
import { sampleReceipt } from "./fixtures.js";

// jsqr is CommonJS typed as `export default`: under NodeNext the function is the import's `.default`
// (jsqr sets module.exports.default to itself, so this is right at run time too).
const jsQR = jsQRModule.default;
const RESULTS = join(import.meta.dirname, "../../test-results");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function decodeQr(png: Buffer): string | null {
  const { data, width, height } = PNG.sync.read(png);
  return (
    jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height)?.data ?? null
  );
}

describe("receipt PNG", () => {
  it("is a PNG of the A6 size", async () => {
    const png = await renderReceiptPng(sampleReceipt);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // IHDR: width and height as big-endian 32-bit integers at bytes 16 and 20.
    expect(png.readUInt32BE(16)).toBe(RECEIPT_PNG_SIZE.width);
    expect(png.readUInt32BE(20)).toBe(RECEIPT_PNG_SIZE.height);
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, "receipt.png"), png);
  });

  it("has a QR code that decodes back to the dossier code", async () => {
    expect(decodeQr(await renderReceiptPng(sampleReceipt))).toBe(sampleReceipt.dossierCode);
  });

  it("still renders and decodes with a long code, no appointment date and many papers", async () => {
    const model = {
      ...sampleReceipt,
      dossierCode: "000.00.06.H56-250128-00042",
      agencyCode: "000.00.06.H56",
      appointmentDate: null,
      papersToBring: Array.from(
        { length: 30 },
        (_, i) => `Giấy tờ bổ sung số ${i + 1} (bản sao có chứng thực)`,
      ),
      finishUrl: `https://dichvucong.example.vn/ho-so/${"x".repeat(300)}`,
    };
    const png = await renderReceiptPng(model);
    expect(png.readUInt32BE(16)).toBe(RECEIPT_PNG_SIZE.width);
    expect(decodeQr(png)).toBe(model.dossierCode);
    writeFileSync(join(RESULTS, "receipt-long.png"), png);
  });
});

describe("renderReceipt", () => {
  it("produces the PDF, the PNG and the text together", async () => {
    const { pdf, png, text } = await renderReceipt(sampleReceipt);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(text).toContain(sampleReceipt.dossierCode);
  });
});
