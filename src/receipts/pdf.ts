// The PDF receipt (A5, pdfkit): Vietnamese text set in the embedded DejaVu Sans, the dossier code's QR
// drawn as vector squares, and a clickable link to finish on the portal with VNeID.
import { LABELS, detailRows } from "./format.js";
import { type ReceiptModel, normaliseReceipt } from "./model.js";
import { startPdf } from "./pdf-doc.js";
import { QUIET_ZONE, forEachDarkModule, qrMatrix, qrPayload } from "./qr.js";

export interface PdfOptions {
  /** Deflate the content streams (default true); tests turn it off to read the text operators. */
  compress?: boolean;
}

const MARGIN = 36;
const QR_SIDE = 112;
const GAP = 12;
const INK = "#111111";
const MUTED = "#555555";
const LINK = "#0b57d0";

/** Renders the receipt as a PDF document. */
export async function renderReceiptPdf(input: ReceiptModel, options: PdfOptions = {}): Promise<Buffer> {
  const model = normaliseReceipt(input);
  const { doc, done } = startPdf({
    size: "A5",
    margin: MARGIN,
    compress: options.compress ?? true,
    info: {
      Title: `${LABELS.title} ${model.dossierCode}`,
      Author: "motcua",
      Subject: model.procedureName,
    },
  });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const rule = (y: number): void => {
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.6)
      .strokeColor("#999999")
      .stroke();
  };

  doc.font("bold").fontSize(16).fillColor(INK).text(LABELS.title, left, MARGIN, { width, align: "center" });
  rule(doc.y + 6);

  // Facts on the left, QR code on the right.
  const top = doc.y + GAP + 6;
  const columnWidth = width - QR_SIDE - GAP;
  const qrX = left + width - QR_SIDE;
  drawQr(doc, qrPayload(model), qrX, top, QR_SIDE);
  doc
    .font("regular")
    .fontSize(7)
    .fillColor(MUTED)
    .text(LABELS.scanHint, qrX, top + QR_SIDE + 2, { width: QR_SIDE, align: "center" });
  const qrBottom = doc.y;

  doc
    .font("regular")
    .fontSize(9)
    .fillColor(MUTED)
    .text(LABELS.dossierCode, left, top, { width: columnWidth });
  doc.font("bold").fontSize(15).fillColor(INK).text(model.dossierCode, { width: columnWidth });
  for (const [label, value] of detailRows(model)) {
    doc.moveDown(0.35);
    doc.font("regular").fontSize(9).fillColor(MUTED).text(label, { width: columnWidth });
    const strong = label === LABELS.appointment;
    doc
      .font(strong ? "bold" : "regular")
      .fontSize(11)
      .fillColor(INK)
      .text(value, { width: columnWidth });
  }

  let y = Math.max(doc.y, qrBottom) + GAP;
  rule(y);
  y += GAP;

  doc.font("bold").fontSize(11).fillColor(INK).text(LABELS.papers, left, y, { width });
  doc.moveDown(0.2);
  doc.font("regular").fontSize(10.5);
  if (model.papersToBring.length === 0) {
    doc.text(LABELS.noPapers, left, doc.y, { width });
  }
  for (const paper of model.papersToBring) {
    const itemY = doc.y;
    doc.text("•", left + 4, itemY, { width: 10 });
    doc.text(paper, left + 16, itemY, { width: width - 16 });
    doc.moveDown(0.15);
  }

  doc.moveDown(0.6);
  doc.font("bold").fontSize(11).fillColor(INK).text(LABELS.finish, left, doc.y, { width });
  doc.moveDown(0.2);
  doc
    .font("regular")
    .fontSize(10)
    .fillColor(LINK)
    .text(model.finishUrl, left, doc.y, { width, link: model.finishUrl, underline: true });

  y = doc.y + GAP;
  rule(y);
  doc
    .font("regular")
    .fontSize(8)
    .fillColor(MUTED)
    .text(model.issuedBy, left, y + 6, { width, align: "center" });

  doc.end();
  return done;
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, side: number): void {
  const matrix = qrMatrix(text);
  const moduleSize = side / (matrix.size + 2 * QUIET_ZONE);
  doc.save();
  doc.rect(x, y, side, side).fill("#ffffff");
  forEachDarkModule(matrix, x, y, moduleSize, (mx, my, s) => {
    // A hair of overlap keeps viewers from showing seams between neighbouring modules.
    doc.rect(mx, my, s + 0.05, s + 0.05);
  });
  doc.fill("#000000");
  doc.restore();
}
