// The plain-text receipt and the model helpers: same facts as the files, dd/mm/yyyy dates, "chưa xác
// định" without an appointment, never more than 1,000 characters, and no ID number from a dossier.
import { describe, expect, it } from "vitest";
import type { Dossier } from "../../src/portal/contract.js";
import {
  ISSUED_BY,
  LABELS,
  MAX_TEXT_LENGTH,
  formatDate,
  formatDateTime,
  receiptFromDossier,
  renderReceiptText,
} from "../../src/receipts/index.js";
import { sampleReceipt } from "./fixtures.js";

describe("receipt text fallback", () => {
  it("carries the code, the dates, the papers, the link and the issued-by line", () => {
    const text = renderReceiptText(sampleReceipt);
    expect(text.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(text).toContain("Mã hồ sơ: H29.31-240315-0001");
    expect(text).toContain("Ngày hẹn trả kết quả: 20/03/2024");
    expect(text).toContain("Ngày nộp: 15/03/2024 09:30");
    expect(text).toContain("Giấy tờ cần mang/bổ sung:");
    for (const paper of sampleReceipt.papersToBring) expect(text).toContain(`- ${paper}`);
    expect(text).toContain(`Hoàn tất trên Cổng DVC bằng VNeID: ${sampleReceipt.finishUrl}`);
    expect(text).toContain(ISSUED_BY);
  });

  it('says "chưa xác định" when there is no appointment date', () => {
    const text = renderReceiptText({ ...sampleReceipt, appointmentDate: null });
    expect(text).toContain("Ngày hẹn trả kết quả: chưa xác định");
  });

  it('says "Không có" when no papers are outstanding', () => {
    expect(renderReceiptText({ ...sampleReceipt, papersToBring: [] })).toContain(
      `${LABELS.papers}: ${LABELS.noPapers}`,
    );
  });

  it("stays within 1,000 characters with a long list, keeping the code, date and link", () => {
    const papersToBring = Array.from({ length: 40 }, (_, i) =>
      `Giấy tờ số ${i + 1}: bản sao có chứng thực`.repeat(3),
    );
    const text = renderReceiptText({ ...sampleReceipt, papersToBring, procedureName: "Thủ tục ".repeat(60) });
    expect(text.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(text).toContain(sampleReceipt.dossierCode);
    expect(text).toContain("20/03/2024");
    expect(text).toContain(sampleReceipt.finishUrl);
    expect(text).toMatch(/… và \d+ giấy tờ khác/);
  });

  it("normalises decomposed Vietnamese to NFC", () => {
    const text = renderReceiptText({ ...sampleReceipt, statusLabel: "Đã tiếp nhận".normalize("NFD") });
    expect(text).toContain("Trạng thái: Đã tiếp nhận");
  });

  it("rejects an invalid model", () => {
    expect(() => renderReceiptText({ ...sampleReceipt, appointmentDate: "20/03/2024" })).toThrow();
  });
});

describe("receipt dates", () => {
  it("formats ISO dates as dd/mm/yyyy and times in Vietnam time", () => {
    expect(formatDate("2025-01-28")).toBe("28/01/2025");
    expect(formatDate(null)).toBe("chưa xác định");
    expect(formatDateTime("2024-12-31T18:05:00Z")).toBe("01/01/2025 01:05");
    expect(formatDateTime("2024-03-15T09:30:00+07:00")).toBe("15/03/2024 09:30");
  });
});

describe("receiptFromDossier", () => {
  it("takes the facts from a dossier and nothing personal", () => {
    const dossier: Dossier = {
      code: "H29.31-240315-0001",
      procedure: "dang-ky-khai-sinh",
      procedureName: "Đăng ký khai sinh",
      agencyCode: "H29.31",
      status: 5,
      statusLabel: "Yêu cầu bổ sung giấy tờ",
      submittedAt: "2024-03-15T09:30:00+07:00",
      appointmentDate: null,
      finishUrl: "https://dichvucong.example.vn/ho-so/H29.31-240315-0001",
      requests: ["Giấy chứng sinh (bản chính)"],
      history: [{ status: 1, label: "Mới đăng ký", at: "2024-03-15T09:30:00+07:00", note: null }],
    };
    const model = receiptFromDossier(dossier);
    expect(model).toEqual({
      dossierCode: dossier.code,
      procedureName: "Đăng ký khai sinh",
      agencyCode: "H29.31",
      submittedAt: dossier.submittedAt,
      appointmentDate: null,
      statusLabel: "Yêu cầu bổ sung giấy tờ",
      papersToBring: ["Giấy chứng sinh (bản chính)"],
      finishUrl: dossier.finishUrl,
      issuedBy: ISSUED_BY,
    });
    expect(receiptFromDossier(dossier, []).papersToBring).toEqual([]);
  });
});
