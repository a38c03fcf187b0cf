// A tiny text extractor for the uncompressed PDFs pdfkit writes: maps each font's glyph codes back to
// Unicode through its ToUnicode CMap and reads the TJ operators, one line per text run.
interface PdfObject {
  body: string;
}

function objects(pdf: string): Map<string, PdfObject> {
  const out = new Map<string, PdfObject>();
  for (const m of pdf.matchAll(/(\d+) 0 obj\s([\s\S]*?)endobj/g)) out.set(m[1] ?? "", { body: m[2] ?? "" });
  return out;
}

const hexChars = (hex: string): string[] => hex.match(/.{4}/g) ?? [];
const unicode = (hex: string): string => String.fromCodePoint(...hexChars(hex).map((h) => parseInt(h, 16)));

function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of (block[1] ?? "").matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
      const start = parseInt(m[1] ?? "0", 16);
      const end = parseInt(m[2] ?? "0", 16);
      const target = m[3] ?? "";
      if (target.startsWith("[")) {
        [...target.matchAll(/<([0-9a-f]+)>/gi)].forEach((t, i) => map.set(start + i, unicode(t[1] ?? "")));
      } else {
        const first = parseInt(target.slice(1, -1), 16);
        for (let c = start; c <= end; c++) map.set(c, String.fromCodePoint(first + c - start));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? "").matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) {
      map.set(parseInt(m[1] ?? "0", 16), unicode(m[2] ?? ""));
    }
  }
  return map;
}

/** The text of an uncompressed pdfkit PDF (compress: false), one line per TJ operator. */
export function extractPdfText(pdfBuffer: Buffer): string {
  const pdf = pdfBuffer.toString("latin1");
  const objs = objects(pdf);
  const fonts = new Map<string, Map<number, string>>();
  for (const m of pdf.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const font = objs.get(m[2] ?? "");
    const ref = font && /\/ToUnicode (\d+) 0 R/.exec(font.body)?.[1];
    const cmap = ref ? objs.get(ref) : undefined;
    if (cmap) fonts.set(m[1] ?? "", toUnicodeMap(Buffer.from(cmap.body, "latin1").toString("utf8")));
  }
  const lines: string[] = [];
  let current: Map<number, string> | undefined;
  for (const m of pdf.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/gi)) {
    if (m[1]) {
      current = fonts.get(m[1]);
      continue;
    }
    const codes = [...(m[2] ?? "").matchAll(/<([0-9a-f]*)>/gi)].flatMap((h) => hexChars(h[1] ?? ""));
    lines.push(codes.map((c) => current?.get(parseInt(c, 16)) ?? "\uFFFD").join(""));
  }
  return lines.join("\n");
}
