// Public face of receipts (biên nhận hồ sơ): the receipt model, its PDF, PNG and plain-text renderings
// with a QR code of the dossier code, and renderReceipt, which produces all three at once.
import { renderReceiptPdf } from "./pdf.js";
import { renderReceiptPng } from "./png.js";
import { renderReceiptText } from "./text.js";
import type { ReceiptModel } from "./model.js";

export { ISSUED_BY, normaliseReceipt, receiptFromDossier, receiptModelSchema } from "./model.js";
export type { ReceiptModel } from "./model.js";
export { LABELS, formatDate, formatDateTime } from "./format.js";
export { qrPayload } from "./qr.js";
export { renderReceiptPdf, type PdfOptions } from "./pdf.js";
export { RECEIPT_PNG_SIZE, renderReceiptPng } from "./png.js";
export { MAX_TEXT_LENGTH, renderReceiptText } from "./text.js";

export interface RenderedReceipt {
  pdf: Buffer;
  png: Buffer;
  /** Plain-text fallback for channels that cannot send files. */
  text: string;
}

export async function renderReceipt(model: ReceiptModel): Promise<RenderedReceipt> {
  const [pdf, png] = await Promise.all([renderReceiptPdf(model), renderReceiptPng(model)]);
  return { pdf, png, text: renderReceiptText(model) };
}
