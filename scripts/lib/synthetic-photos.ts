// Synthetic "photos of a document" made with sharp, for the photo-check tests and bench: a sheet
// of paper with lines of black word-like blocks on a darker table, and its blurred/dark/glare variants.
import sharp from "sharp";
import { prng } from "./synthetic-kb.js";

/** How the synthetic document photo looks. */
export interface DocumentPhotoOptions {
  readonly width: number;
  readonly height: number;
  /** Grey level of the paper (0–255); photographed paper is rarely pure white. */
  readonly paper?: number;
  /** Grey level of the table around the sheet; null = the sheet fills the whole frame. */
  readonly table?: number | null;
  /** Height of a text line in pixels (the block height is about half of it). */
  readonly lineHeight?: number;
  /** Lines run top to bottom instead of left to right (a sideways document). */
  readonly vertical?: boolean;
  readonly seed?: number;
}

/** Raw RGB pixels of a document photo (3 bytes per pixel, row-major). */
export function documentPixels(o: DocumentPhotoOptions): Buffer {
  const { width, height } = o;
  const rand = prng(o.seed ?? 7);
  const paper = o.paper ?? 226;
  const table = o.table === undefined ? 70 : o.table;
  const data = Buffer.alloc(width * height * 3);
  const margin = table === null ? 0 : Math.round(Math.min(width, height) * 0.06);
  const ink = new Uint8Array(width * height);
  // Text: lines of word blocks along the reading direction, inside the sheet's inner margin.
  const [along, across] = o.vertical ? [height, width] : [width, height];
  const line = o.lineHeight ?? Math.max(8, Math.round(across / 36));
  const inner = margin + Math.round(across * 0.06);
  for (let y0 = inner; y0 + line <= across - inner; y0 += line) {
    let x = inner + Math.round(along * 0.05);
    while (x < along - inner - Math.round(along * 0.05)) {
      const w = Math.round(line * (0.8 + rand() * 2.8));
      for (let a = x; a < Math.min(x + w, along - inner); a += 1)
        for (let b = y0 + Math.round(line * 0.25); b < y0 + Math.round(line * 0.75); b += 1) {
          const [px, py] = o.vertical ? [b, a] : [a, b];
          ink[py * width + px] = 1;
        }
      x += w + Math.round(line * 0.45);
    }
  }
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const onSheet = x >= margin && x < width - margin && y >= margin && y < height - margin;
      const base = !onSheet ? (table ?? paper) : ink[y * width + x] ? 28 : paper;
      const noise = Math.round((rand() - 0.5) * 6);
      const i = (y * width + x) * 3;
      data[i] = clamp(base + 4 + noise);
      data[i + 1] = clamp(base + noise);
      data[i + 2] = clamp(base - 6 + noise);
    }
  return data;
}

const clamp = (v: number): number => Math.max(0, Math.min(255, v));

/** A JPEG of the document (quality 90). */
export function documentPhoto(o: DocumentPhotoOptions): Promise<Buffer> {
  return sharp(documentPixels(o), { raw: { width: o.width, height: o.height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The same photo out of focus (Gaussian blur of `sigma` pixels). */
export function blurred(jpeg: Buffer, sigma = 4): Promise<Buffer> {
  return sharp(jpeg).blur(sigma).jpeg({ quality: 90 }).toBuffer();
}

/** The same photo taken in poor light (brightness times `factor`). */
export function darkened(jpeg: Buffer, factor = 0.3): Promise<Buffer> {
  return sharp(jpeg).linear(factor, 0).jpeg({ quality: 90 }).toBuffer();
}

/** The same photo with a blown-out white patch (a lamp reflected on a laminated card). */
export async function withGlare(jpeg: Buffer, share = 0.08): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(jpeg).metadata();
  const w = Math.round(Math.sqrt(share * width * height * 1.5));
  const h = Math.round(w / 1.5);
  const patch = await sharp({ create: { width: w, height: h, channels: 3, background: "#ffffff" } })
    .png()
    .toBuffer();
  return sharp(jpeg)
    .composite([{ input: patch, left: Math.round(width * 0.4), top: Math.round(height * 0.3) }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The same pixels with an EXIF orientation tag (6 = viewers turn it 90° clockwise). */
export function withOrientation(jpeg: Buffer, orientation: number): Promise<Buffer> {
  return sharp(jpeg).withMetadata({ orientation }).jpeg({ quality: 90 }).toBuffer();
}

/** The photo re-encoded as PNG or WebP. */
export function reencode(jpeg: Buffer, format: "png" | "webp"): Promise<Buffer> {
  return format === "png" ? sharp(jpeg).png().toBuffer() : sharp(jpeg).webp({ quality: 90 }).toBuffer();
}
