// Turns the measurements of a photo into the problems the citizen is told about. The thresholds
// were set on generated document photos (test/photos) and err on the side of saying nothing.
import type { PhotoProblem } from "../core/ports.js";
import type { Measures } from "./measure.js";

/** Limits of the photo check; exported so tests and the README can name them. */
export const PHOTO_LIMITS = {
  /** Below this short side (px) nothing can be checked: a thumbnail or an icon. */
  minShortSide: 200,
  /** Below this short side (px) small print is hard to read (Telegram sends 1280 × 960). */
  readableShortSide: 720,
  /** Decoding stops above this many pixels (a 48-MP phone photo still passes). */
  maxPixels: 64_000_000,
  /** Long side of the greyscale copy that is measured. */
  analysisSide: 1024,
} as const;

/** Thresholds on the measures (see measure.ts for what each one is). */
export const THRESHOLDS = {
  /** Detailed tiles sharper than this read well; a 2-px blur at analysis size gives ≈ 0.24. */
  sharpness: 0.3,
  /** Even the paper (90th percentile of luminance) darker than this: taken in poor light. */
  darkPaper: 100,
  /** Share of the image in flat clipped-white tiles that counts as a glare patch… */
  glareShare: 0.015,
  /** …when the rest of the paper is clearly below white (a scan's white page is not glare). */
  glarePaperMax: 240,
  /** Fewer detailed tiles than this: nothing to read in the photo. */
  minDetail: 0.03,
  /** Smoothed horizontal over vertical structure below this: text lines run top to bottom. */
  sideways: 0.5,
} as const;

/** The problems a measured photo shows, most important first; empty when it reads well. */
export function judge(m: Measures, shortSide: number): PhotoProblem[] {
  const problems: PhotoProblem[] = [];
  if (shortSide < PHOTO_LIMITS.readableShortSide) problems.push("low-resolution");
  if (m.detailShare < THRESHOLDS.minDetail || m.sharpness === null) {
    problems.push(m.brightP90 < THRESHOLDS.darkPaper ? "dark" : "blank");
    return problems;
  }
  if (m.sharpness < THRESHOLDS.sharpness) problems.push("blurry");
  if (m.brightP90 < THRESHOLDS.darkPaper) problems.push("dark");
  if (m.blownShare >= THRESHOLDS.glareShare && m.paperP90 <= THRESHOLDS.glarePaperMax) problems.push("glare");
  // Line direction is only trusted on a sharp photo with enough detail.
  const sharp = m.sharpness >= THRESHOLDS.sharpness;
  if (sharp && m.detailShare >= 0.1 && m.lineAxis !== null && m.lineAxis < THRESHOLDS.sideways)
    problems.push("sideways");
  return problems;
}
