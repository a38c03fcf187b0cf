// The QR code on receipts: it encodes the dossier code alone (what an officer or the status lookup
// needs), as a module matrix that the PDF and PNG renderers draw as crisp squares.
import QRCode from "qrcode";
import type { ReceiptModel } from "./model.js";

/** Modules of white border the QR specification asks for around the symbol. */
export const QUIET_ZONE = 4;

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  isDark(row: number, col: number): boolean;
}

export function qrPayload(model: ReceiptModel): string {
  return model.dossierCode;
}

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: modules.size, isDark: (row, col) => modules.get(row, col) === 1 };
}

/** Whole-pixel modules (at least 2 px) for a symbol about `target` px wide, and the side they give. */
export function pixelGrid(matrix: QrMatrix, target: number): { moduleSize: number; side: number } {
  const modules = matrix.size + 2 * QUIET_ZONE;
  const moduleSize = Math.max(2, Math.floor(target / modules));
  return { moduleSize, side: moduleSize * modules };
}

/** Calls draw for every dark module of a symbol whose quiet zone starts at (x, y). */
export function forEachDarkModule(
  matrix: QrMatrix,
  x: number,
  y: number,
  moduleSize: number,
  draw: (x: number, y: number, size: number) => void,
): void {
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (matrix.isDark(row, col)) {
        draw(x + (col + QUIET_ZONE) * moduleSize, y + (row + QUIET_ZONE) * moduleSize, moduleSize);
      }
    }
  }
}
