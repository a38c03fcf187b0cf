// Recognises a file's real format from its first bytes (magic numbers), whatever type the
// platform declared: accepted photos (JPEG, PNG, WebP, HEIC) and common files we refuse by name.
import type { PhotoFormat } from "../core/ports.js";

/** What the first bytes say: an accepted photo format, another known kind of file, or unknown. */
export type Sniffed =
  | { readonly kind: "photo"; readonly format: PhotoFormat }
  | { readonly kind: "other"; readonly format: string | null };

/** MIME type stored with an attached photo of each format. */
export const PHOTO_MIME: Readonly<Record<PhotoFormat, string>> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  heic: "image/heic",
};

/** HEIF brands of HEVC-coded images (iPhone photos and most Android HEIC). */
const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"]);
/** Generic HEIF brands: a HEIC photo unless an AVIF brand is listed too. */
const HEIF_BRANDS = new Set(["mif1", "msf1", "mif2"]);

const ascii = (b: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

const startsWith = (b: Uint8Array, magic: readonly number[], at = 0): boolean =>
  b.length >= at + magic.length && magic.every((v, i) => b[at + i] === v);

/** Brands of an ISO-BMFF `ftyp` box (major brand, then compatible brands), or null. */
function ftypBrands(b: Uint8Array): string[] | null {
  if (b.length < 16 || ascii(b, 4, 8) !== "ftyp") return null;
  const size = Math.min(
    ((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0),
    b.length,
    512,
  );
  const brands = [ascii(b, 8, 12)];
  for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(b, at, at + 4));
  return brands;
}

function isoMedia(b: Uint8Array): Sniffed | null {
  const brands = ftypBrands(b);
  if (!brands) return null;
  if (brands.some((x) => HEIC_BRANDS.has(x))) return { kind: "photo", format: "heic" };
  if (brands.some((x) => x === "avif" || x === "avis")) return { kind: "other", format: "avif" };
  if (brands.some((x) => HEIF_BRANDS.has(x))) return { kind: "photo", format: "heic" };
  return { kind: "other", format: "video" };
}

/** The format the content really has (the declared MIME type is not trusted). */
export function sniff(b: Uint8Array): Sniffed {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: "photo", format: "jpeg" };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: "photo", format: "png" };
  if (ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP") return { kind: "photo", format: "webp" };
  const iso = isoMedia(b);
  if (iso) return iso;
  if (ascii(b, 0, 5) === "%PDF-") return { kind: "other", format: "pdf" };
  if (ascii(b, 0, 4) === "GIF8") return { kind: "other", format: "gif" };
  if (ascii(b, 0, 2) === "BM") return { kind: "other", format: "bmp" };
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]))
    return { kind: "other", format: "tiff" };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return { kind: "other", format: "zip" };
  return { kind: "other", format: null };
}
