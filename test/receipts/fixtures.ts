// A receipt model for tests: an obviously fake dossier (no personal data), with Vietnamese text that
// exercises stacked diacritics (ộ, ể, ữ) in every field.
import { ISSUED_BY, type ReceiptModel } from "../../src/receipts/index.js";

export const sampleReceipt: ReceiptModel = {
  dossierCode: "H29.31-240315-0001",
  procedureName: "Đăng ký khai sinh có yếu tố nước ngoài tại Ủy ban nhân dân cấp xã",
  agencyCode: "H29.31",
  submittedAt: "2024-03-15T02:30:00Z",
  appointmentDate: "2024-03-20",
  statusLabel: "Đã tiếp nhận",
  papersToBring: [
    "Giấy chứng sinh (bản chính)",
    "Giấy chứng nhận kết hôn của cha mẹ (bản sao có chứng thực)",
    "Tờ khai đăng ký khai sinh đã ký, ghi rõ họ tên người đi đăng ký",
  ],
  finishUrl: "https://dichvucong.example.vn/ho-so/H29.31-240315-0001/hoan-tat",
  issuedBy: ISSUED_BY,
};
