// The fonts embedded in receipts: DejaVu Sans (covers Vietnamese), shipped in assets/fonts and loaded by
// path relative to this module, so rendering never depends on the fonts installed on the machine.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const fontPath = (file: string): string =>
  fileURLToPath(new URL(`../../assets/fonts/${file}`, import.meta.url));

export const FONT_FILES = {
  regular: fontPath("DejaVuSans.ttf"),
  bold: fontPath("DejaVuSans-Bold.ttf"),
} as const;

/** Fails loudly when the shipped font files are missing instead of printing boxes or wrong glyphs. */
export function assertFontsPresent(): void {
  for (const path of Object.values(FONT_FILES)) {
    if (!existsSync(path)) throw new Error(`receipt font missing: ${path}`);
  }
}
