// The printable checklist as a PDF (A4, pdfkit, embedded DejaVu Sans): tick boxes drawn as squares
// in front of each paper, the practical facts, a QR code of the online link, source and check date.
import { CHECKLIST_LABELS as L, type ChecklistModel } from "./checklist-model.js";
import { startPdf } from "./pdf-doc.js";
import { QUIET_ZONE, forEachDarkModule, qrMatrix } from "./qr.js";

export interface ChecklistPdfOptions {
  /** Deflate the content streams (default true); tests may turn it off to read the text operators. */
  compress?: boolean;
}

const MARGIN = 48;
const BOX = 9;
const INDENT = 18;
const QR_SIDE = 96;
const INK = "#111111";
const MUTED = "#555555";

type Doc = PDFKit.PDFDocument;

/** Starts a new page when less than `height` points are left above the bottom margin. */
function room(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function rule(doc: Doc, width: number): void {
  const y = doc.y + 4;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width, y)
    .lineWidth(0.6)
    .strokeColor("#999999")
    .stroke();
  doc.y = y + 8;
}

function header(doc: Doc, model: ChecklistModel, width: number): void {
  doc.font("bold").fontSize(15).fillColor(INK).text(L.title, MARGIN, MARGIN, { width, align: "center" });
  doc.moveDown(0.3);
  doc.font("bold").fontSize(13).text(model.procedure, { width, align: "center" });
  if (model.code)
    doc
      .font("regular")
      .fontSize(9)
      .fillColor(MUTED)
      .text(`${L.code}: ${model.code}`, { width, align: "center" });
  rule(doc, width);
}

function papers(doc: Doc, model: ChecklistModel, width: number): void {
  doc.font("bold").fontSize(11).fillColor(INK).text(L.papers, MARGIN, doc.y, { width });
  doc.moveDown(0.3);
  for (const row of model.rows) {
    const x = MARGIN + row.indent * INDENT;
    const textX = row.box ? x + BOX + 7 : x;
    const textWidth = width - (textX - MARGIN);
    doc.font(row.box ? "regular" : "bold").fontSize(10.5);
    const height = doc.heightOfString(row.text, { width: textWidth }) + (row.note ? 14 : 0);
    room(doc, height + 4);
    const y = doc.y;
    if (row.box)
      doc
        .rect(x, y + 1.5, BOX, BOX)
        .lineWidth(0.8)
        .strokeColor(INK)
        .stroke();
    doc.fillColor(INK).text(row.text, textX, y, { width: textWidth });
    if (row.note)
      doc.font("regular").fontSize(9).fillColor(MUTED).text(row.note, textX, doc.y, { width: textWidth });
    doc.moveDown(0.25);
  }
  for (const note of model.footnotes) {
    room(doc, 24);
    doc.font("regular").fontSize(9).fillColor(MUTED).text(note, MARGIN, doc.y, { width });
  }
}

function facts(doc: Doc, model: ChecklistModel, width: number): void {
  for (const [label, value] of model.facts) {
    room(doc, 40);
    doc
      .font("bold")
      .fontSize(10)
      .fillColor(INK)
      .text(`${label}: `, MARGIN, doc.y, { width, continued: true });
    doc.font("regular").text(value, { width });
    doc.moveDown(0.2);
  }
}

function qr(doc: Doc, url: string): void {
  room(doc, QR_SIDE + 24);
  const y = doc.y + 4;
  const matrix = qrMatrix(url);
  const size = QR_SIDE / (matrix.size + 2 * QUIET_ZONE);
  doc.save();
  forEachDarkModule(matrix, MARGIN, y, size, (mx, my, s) => void doc.rect(mx, my, s + 0.05, s + 0.05));
  doc.fill("#000000").restore();
  doc.font("regular").fontSize(8).fillColor(MUTED);
  doc.text(L.scanHint, MARGIN, y + QR_SIDE + 2, { width: QR_SIDE, align: "center" });
}

function footer(doc: Doc, model: ChecklistModel, width: number): void {
  room(doc, 60);
  doc.moveDown(0.4);
  rule(doc, width);
  doc.font("regular").fontSize(9).fillColor(INK);
  doc.text(`${L.source}: ${model.source}`, MARGIN, doc.y, { width });
  doc.text(`${L.checked} ${model.checked}.`, { width });
  doc.moveDown(0.4);
  doc.fontSize(8).fillColor(MUTED).text(L.issuedBy, { width, align: "center" });
}

/** Renders the checklist as a PDF document (several A4 pages when the papers do not fit on one). */
export async function renderChecklistPdf(
  model: ChecklistModel,
  options: ChecklistPdfOptions = {},
): Promise<Buffer> {
  const { doc, done } = startPdf({
    size: "A4",
    margin: MARGIN,
    compress: options.compress ?? true,
    info: { Title: `${L.title} — ${model.procedure}`, Author: "motcua", Subject: model.procedure },
  });
  const width = doc.page.width - 2 * MARGIN;
  header(doc, model, width);
  papers(doc, model, width);
  doc.moveDown(0.5);
  rule(doc, width);
  facts(doc, model, width);
  if (model.onlineUrl) qr(doc, model.onlineUrl);
  footer(doc, model, width);
  doc.end();
  return done;
}
