// A pdfkit document set in the embedded DejaVu Sans (registered as "regular" and "bold"), collected
// into one Buffer when it ends: the start shared by the receipt and the printable checklist.
import PDFDocument from "pdfkit";
import { FONT_FILES, assertFontsPresent } from "./fonts.js";

/** A new document and the promise of its bytes (settled once `doc.end()` was called). */
export function startPdf(options: PDFKit.PDFDocumentOptions): {
  doc: PDFKit.PDFDocument;
  done: Promise<Buffer>;
} {
  assertFontsPresent();
  const doc = new PDFDocument({ ...options, font: FONT_FILES.regular });
  doc.registerFont("regular", FONT_FILES.regular);
  doc.registerFont("bold", FONT_FILES.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, done };
}
