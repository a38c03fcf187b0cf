// The PNG receipt (A6 at 150 dpi), drawn in pure JavaScript with pureimage (glyph outlines from opentype.js,
// PNG encoding by pngjs), so no native module is needed: the shipped DejaVu fonts are registered under
// private family names so no system font is ever used (bold is a family of its own, as pureimage has no
// font weights), the QR is drawn on whole pixels, long lists are shortened.
import { PNG } from "pngjs";
import * as PImage from "pureimage";
import { FONT_FILES, assertFontsPresent } from "./fonts.js";
import { LABELS, detailRows } from "./format.js";
import { type ReceiptModel, normaliseReceipt } from "./model.js";
import { forEachDarkModule, pixelGrid, qrMatrix, qrPayload } from "./qr.js";

/** A6 (105 × 148 mm) at 150 dpi. */
export const RECEIPT_PNG_SIZE = { width: 620, height: 874 } as const;

/** Private font families of the shipped DejaVu fonts (also drawn by the printable checklist). */
export const REGULAR = "MotcuaReceiptSans";
export const BOLD = "MotcuaReceiptSansBold";
const PAD = 32;
const GAP = 16;
const QR_TARGET = 200;
const INK = "#111111";
const MUTED = "#555555";
const LINK = "#0b57d0";
const RULE = "#9a9a9a";
type Ctx = PImage.Context;

/** The part of an opentype.js font that measuring text needs (pureimage keeps the loaded font). */
interface OutlineFont {
  unitsPerEm: number;
  forEachGlyph(
    text: string,
    x: number,
    y: number,
    fontSize: number,
    options: { kerning?: boolean },
    callback: (glyph: { advanceWidth?: number }, x: number) => void,
  ): void;
}
const outlineFonts = new Map<string, OutlineFont>();

let fontsRegistered = false;
/** Registers the shipped fonts with pureimage once per process. */
export function registerFonts(): void {
  if (fontsRegistered) return;
  assertFontsPresent();
  for (const [path, family] of [
    [FONT_FILES.regular, REGULAR],
    [FONT_FILES.bold, BOLD],
  ] as const) {
    let font: OutlineFont;
    try {
      // pureimage types the font with opentype.js's types, which are not installed: go through unknown.
      const loaded: { font: unknown } = PImage.registerFont(path, family).loadSync();
      font = loaded.font as OutlineFont;
    } catch (err) {
      throw new Error(`could not load receipt font ${path}`, { cause: err });
    }
    outlineFonts.set(family, font);
  }
  fontsRegistered = true;
}

/** Renders the receipt as a PNG image of RECEIPT_PNG_SIZE. */
export function renderReceiptPng(input: ReceiptModel): Promise<Buffer> {
  // Drawing is synchronous pure JS; wrapping it keeps the asynchronous API (and errors become rejections).
  return Promise.resolve(input).then(drawReceiptPng);
}

function drawReceiptPng(input: ReceiptModel): Buffer {
  const model = normaliseReceipt(input);
  registerFonts();
  const { width, height } = RECEIPT_PNG_SIZE;
  const bitmap = PImage.make(width, height);
  const ctx = bitmap.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = RULE;
  ctx.lineWidth = 2;
  ctx.strokeRect(8, 8, width - 16, height - 16);
  ctx.textBaseline = "top";
  const inner = width - 2 * PAD;
  const rule = (y: number): void => {
    ctx.fillStyle = RULE;
    ctx.fillRect(PAD, Math.round(y), inner, 1);
  };

  let y = PAD;
  setFont(ctx, BOLD, 30, INK);
  centre(ctx, LABELS.title, width / 2, y);
  y += 44;
  rule(y);
  y += GAP + 4;

  // Facts on the left, QR code on the right.
  const matrix = qrMatrix(qrPayload(model));
  const { moduleSize, side: qrSide } = pixelGrid(matrix, QR_TARGET);
  const qrX = width - PAD - qrSide;
  ctx.fillStyle = "#000000";
  forEachDarkModule(matrix, qrX, y, moduleSize, (mx, my, s) => ctx.fillRect(mx, my, s, s));
  setFont(ctx, REGULAR, 12, MUTED);
  const hint = wrap(ctx, LABELS.scanHint, qrSide + GAP);
  hint.forEach((line, i) => centre(ctx, line, qrX + qrSide / 2, y + qrSide + 2 + i * 17));
  const qrBottom = y + qrSide + 2 + hint.length * 17;

  const column = inner - qrSide - GAP;
  setFont(ctx, REGULAR, 16, MUTED);
  ctx.fillText(LABELS.dossierCode, PAD, y);
  y += 22;
  const codeSize = fitSize(ctx, model.dossierCode, column, BOLD, 28, 14);
  setFont(ctx, BOLD, codeSize, INK);
  ctx.fillText(model.dossierCode, PAD, y);
  y += codeSize * 1.3 + 4;
  for (const [label, value] of detailRows(model)) {
    setFont(ctx, REGULAR, 15, MUTED);
    ctx.fillText(label, PAD, y);
    y += 20;
    setFont(ctx, label === LABELS.appointment ? BOLD : REGULAR, 19, INK);
    for (const line of clipLines(ctx, wrap(ctx, value, column), 2, column)) {
      ctx.fillText(line, PAD, y);
      y += 24;
    }
    y += 6;
  }

  y = Math.max(y, qrBottom) + GAP / 2;
  rule(y);
  y += GAP;

  // The footer (finish link and issued-by line) is laid out from the bottom; papers fill the space between.
  setFont(ctx, REGULAR, 13, MUTED);
  const issued = wrap(ctx, model.issuedBy, inner);
  setFont(ctx, REGULAR, 16, LINK);
  const link = clipLines(ctx, wrap(ctx, model.finishUrl, inner), 3, inner);
  const footerTop = height - PAD - issued.length * 17 - GAP - 1 - GAP - link.length * 21 - 26;
  let fy = footerTop;
  setFont(ctx, BOLD, 18, INK);
  ctx.fillText(LABELS.finish, PAD, fy);
  fy += 26;
  setFont(ctx, REGULAR, 16, LINK);
  for (const line of link) {
    ctx.fillText(line, PAD, fy);
    fy += 21;
  }
  fy += GAP;
  rule(fy);
  fy += GAP;
  setFont(ctx, REGULAR, 13, MUTED);
  for (const line of issued) {
    centre(ctx, line, width / 2, fy);
    fy += 17;
  }

  setFont(ctx, BOLD, 18, INK);
  ctx.fillText(LABELS.papers, PAD, y);
  y += 26;
  setFont(ctx, REGULAR, 17, INK);
  const lineHeight = 22;
  const room = Math.floor((footerTop - GAP - y) / lineHeight);
  const items = model.papersToBring.map((p) => clipLines(ctx, wrap(ctx, p, inner - 22), 3, inner - 22));
  const lines = papersToLines(items, room);
  for (const { text, bullet } of lines) {
    if (bullet) ctx.fillText("•", PAD + 4, y);
    ctx.fillText(text, PAD + 22, y);
    y += lineHeight;
  }

  return encodePng(bitmap);
}

/** The bitmap as PNG bytes. */
export function encodePng(bitmap: PImage.Bitmap): Buffer {
  const png = new PNG({ width: bitmap.width, height: bitmap.height });
  png.data = Buffer.from(bitmap.data.buffer, bitmap.data.byteOffset, bitmap.data.byteLength);
  return PNG.sync.write(png);
}

/** Fits wrapped paper items into `room` lines, ending with "… và N giấy tờ khác" when some do not fit. */
function papersToLines(items: string[][], room: number): Array<{ text: string; bullet: boolean }> {
  if (items.length === 0) return [{ text: LABELS.noPapers, bullet: false }];
  const out: Array<{ text: string; bullet: boolean }> = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] ?? [];
    const remaining = items.length - i;
    const reserve = remaining > 1 ? 1 : 0;
    if (out.length + item.length + reserve > room) {
      out.push({ text: `… và ${remaining} giấy tờ khác`, bullet: true });
      break;
    }
    item.forEach((text, j) => out.push({ text, bullet: j === 0 }));
  }
  return out;
}

/** Sets the font and fill colour. */
export function setFont(ctx: Ctx, family: string, size: number, colour: string): void {
  ctx.font = `${size}px ${family}`;
  ctx.fillStyle = colour;
}

/**
 * The advance width of text in the context's current font, kerned as opentype.js draws it (pureimage's
 * own measuring ignores kerning, so centring and wrapping would drift from the drawn text).
 */
export function textWidth(ctx: Ctx, text: string): number {
  const font = outlineFonts.get(ctx._font.family);
  if (!font) throw new Error(`receipt font not registered: ${ctx._font.family}`);
  const size = ctx._font.size ?? 16;
  let end = 0;
  font.forEachGlyph(text, 0, 0, size, {}, (glyph, x) => {
    end = x + ((glyph.advanceWidth ?? 0) * size) / font.unitsPerEm;
  });
  return end;
}

/** Draws text centred on `cx`. */
export function centre(ctx: Ctx, text: string, cx: number, y: number): void {
  ctx.fillText(text, cx - textWidth(ctx, text) / 2, y);
}

function fitSize(ctx: Ctx, text: string, maxWidth: number, family: string, max: number, min: number): number {
  for (let size = max; size > min; size--) {
    ctx.font = `${size}px ${family}`;
    if (textWidth(ctx, text) <= maxWidth) return size;
  }
  return min;
}

/** Greedy word wrap; words wider than the line (long links) are broken between characters. */
export function wrap(ctx: Ctx, text: string, maxWidth: number): string[] {
  const fits = (s: string): boolean => textWidth(ctx, s) <= maxWidth;
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = "";
    for (const ch of word) {
      if (!fits(current + ch) && current) {
        lines.push(current);
        current = "";
      }
      current += ch;
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [""];
}

/** Keeps at most `max` lines, ending the last with "…" when some were dropped. */
export function clipLines(ctx: Ctx, lines: string[], max: number, maxWidth: number): string[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = kept[max - 1] ?? "";
  while (last && textWidth(ctx, `${last}…`) > maxWidth) last = last.slice(0, -1);
  kept[max - 1] = `${last}…`;
  return kept;
}
