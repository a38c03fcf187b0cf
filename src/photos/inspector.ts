// The PhotoInspector over sharp: sniffs the real format, reads the header, then decodes (with a
// pixel limit, in memory only) a small greyscale copy as displayed and measures it.
import sharp, { type Metadata } from "sharp";
import { MAX_ATTACHMENT_BYTES } from "../core/messages.js";
import type { PhotoFormat, PhotoInspector, PhotoVerdict } from "../core/ports.js";
import { judge, PHOTO_LIMITS } from "./judge.js";
import { measure, type Raster } from "./measure.js";
import { sniff } from "./sniff.js";

/**
 * Whether this sharp build decodes HEIC photos. The prebuilt sharp binaries ship libheif with the
 * AV1 decoder only (AVIF); HEVC, which HEIC photos use, needs a custom libvips build.
 */
export function canDecodeHeic(): boolean {
  const suffixes = sharp.format.heif.input.fileSuffix ?? [];
  return suffixes.includes(".heic");
}

/** The displayed size: EXIF orientations 5–8 swap width and height. */
function displayed(meta: Metadata): { width: number; height: number } {
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  return (meta.orientation ?? 1) >= 5 ? { width: h, height: w } : { width: w, height: h };
}

/** A greyscale copy at most PHOTO_LIMITS.analysisSide on its long side, turned as viewers show it. */
async function analysisRaster(input: Buffer, hasAlpha: boolean): Promise<Raster> {
  const side = PHOTO_LIMITS.analysisSide;
  const image = sharp(input, { limitInputPixels: PHOTO_LIMITS.maxPixels, failOn: "truncated" }).autoOrient();
  // Transparent parts of a PNG or WebP read as white paper.
  const { data, info } = await (hasAlpha ? image.flatten({ background: "#ffffff" }) : image)
    .resize(side, side, { fit: "inside", withoutEnlargement: true })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return { width: info.width, height: info.height, data };
  const grey = new Uint8Array(info.width * info.height);
  for (let i = 0; i < grey.length; i += 1) grey[i] = data[i * info.channels] ?? 0;
  return { width: info.width, height: info.height, data: grey };
}

const undecodable = (format: PhotoFormat): PhotoVerdict =>
  format === "heic" ? { kind: "heic-unreadable" } : { kind: "unreadable", format };

/** Checks one photo; never throws for bad input (every failure is a verdict). */
async function inspect(bytes: Uint8Array): Promise<PhotoVerdict> {
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) return { kind: "too-large", limit: "bytes" };
  const sniffed = sniff(bytes);
  if (sniffed.kind === "other") return { kind: "unsupported", format: sniffed.format };
  const format = sniffed.format;
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return undecodable(format);
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > PHOTO_LIMITS.maxPixels)
    return { kind: "too-large", limit: "pixels" };
  const { width, height } = displayed(meta);
  if (Math.min(width, height) < PHOTO_LIMITS.minShortSide) return { kind: "too-small", width, height };
  let raster: Raster;
  try {
    raster = await analysisRaster(input, meta.hasAlpha === true);
  } catch {
    return undecodable(format);
  }
  return {
    kind: "checked",
    format,
    width,
    height,
    problems: judge(measure(raster), Math.min(width, height)),
  };
}

/** The sharp-backed inspector; libvips' operation cache is turned off so no decoded photo lingers. */
export function createSharpInspector(): PhotoInspector {
  sharp.cache(false);
  const formats: PhotoFormat[] = canDecodeHeic() ? ["jpeg", "png", "webp", "heic"] : ["jpeg", "png", "webp"];
  return { formats, inspect };
}
