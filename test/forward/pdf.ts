// Reads the text of a compressed pdfkit PDF in tests: inflates every FlateDecode stream, then hands
// the result to the receipts' text extractor (which reads uncompressed PDFs).
import { inflateSync } from "node:zlib";
import { extractPdfText } from "../receipts/pdf-text.js";

/** The same PDF with its FlateDecode streams inflated (offsets no longer valid; text is readable). */
export function inflatePdf(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1");
  const parts: Buffer[] = [];
  let last = 0;
  const streams = /<<((?:(?!<<)[\s\S])*?)>>\s*stream\r?\n/g;
  for (let m = streams.exec(text); m; m = streams.exec(text)) {
    const dict = m[1] ?? "";
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    if (!/\/Filter\s*\/FlateDecode/.test(dict) || !Number.isFinite(length)) continue;
    const start = m.index + m[0].length;
    parts.push(pdf.subarray(last, start), inflateSync(pdf.subarray(start, start + length)));
    last = start + length;
    streams.lastIndex = last;
  }
  parts.push(pdf.subarray(last));
  return Buffer.concat(parts);
}

/** Text of a (compressed) pdfkit PDF with line breaks folded into spaces. */
export function pdfText(pdf: Buffer): string {
  return extractPdfText(inflatePdf(pdf)).replace(/\s+/g, " ");
}
