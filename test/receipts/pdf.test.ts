// The PDF receipt: a real PDF with the DejaVu font embedded, whose text (read back through the font's
// ToUnicode map, and through pdftotext when the machine has it) holds the facts with their diacritics.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderReceiptPdf } from "../../src/receipts/index.js";
import { sampleReceipt } from "./fixtures.js";
import { extractPdfText } from "./pdf-text.js";

const RESULTS = join(import.meta.dirname, "../../test-results");

function pdftotext(pdf: Buffer): string | null {
  try {
    return execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf, encoding: "utf8" });
  } catch {
    return null;
  }
}

describe("receipt PDF", () => {
  it("is a PDF with the embedded DejaVu font", async () => {
    const pdf = await renderReceiptPdf(sampleReceipt);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(pdf.toString("latin1")).not.toContain("/Helvetica");
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, "receipt.pdf"), pdf);
  });

  it("holds the dossier code and Vietnamese labels as text", async () => {
    const text = extractPdfText(await renderReceiptPdf(sampleReceipt, { compress: false }));
    expect(text).not.toContain("\uFFFD");
    // pdfkit writes one text run per wrapped line: compare with line breaks folded into spaces.
    const flat = text.replace(/\s+/g, " ");
    for (const expected of [
      "BIÊN NHẬN HỒ SƠ",
      "Mã hồ sơ",
      "H29.31-240315-0001",
      "Ngày hẹn trả kết quả",
      "20/03/2024",
      "15/03/2024 09:30",
      "Đã tiếp nhận",
      "Giấy tờ cần mang/bổ sung",
      "Giấy chứng sinh (bản chính)",
      "Hoàn tất trên Cổng DVC bằng VNeID",
      "bản tham khảo, không thay giấy tiếp nhận của cơ quan",
    ]) {
      expect(flat).toContain(expected);
    }
  });

  it('prints "chưa xác định" without an appointment date', async () => {
    const text = extractPdfText(
      await renderReceiptPdf({ ...sampleReceipt, appointmentDate: null }, { compress: false }),
    );
    expect(text).toContain("chưa xác định");
  });

  it("agrees with pdftotext when poppler is installed", async (ctx) => {
    const text = pdftotext(await renderReceiptPdf(sampleReceipt));
    if (text === null) {
      console.warn(
        "pdftotext not installed: skipping the poppler cross-check (the ToUnicode check still ran)",
      );
      ctx.skip();
      return;
    }
    expect(text).toContain("H29.31-240315-0001");
    expect(text).toContain("Ngày hẹn trả kết quả");
  });

  it("flows a long list of papers onto further pages", async () => {
    const papersToBring = Array.from({ length: 45 }, (_, i) => `Giấy tờ bổ sung số ${i + 1}`);
    const text = extractPdfText(
      await renderReceiptPdf({ ...sampleReceipt, papersToBring }, { compress: false }),
    );
    expect(text).toContain("Giấy tờ bổ sung số 45");
  });
});
