// The receipt model (biên nhận): the facts printed on a dossier receipt, validated with zod, and
// receiptFromDossier, which builds it from a portal Dossier (never any personal data such as ID numbers).
import { z } from "zod";
import type { Dossier } from "../portal/contract.js";

/** The line that says who issued the receipt and that it does not replace the office's own. */
export const ISSUED_BY =
  "motcua — trợ lý thủ tục hành chính (bản tham khảo, không thay giấy tiếp nhận của cơ quan)";

export const receiptModelSchema = z.object({
  dossierCode: z.string().min(1).max(60),
  procedureName: z.string().min(1).max(500),
  agencyCode: z.string().min(1).max(60),
  /** ISO date-time with offset, e.g. "2024-03-15T09:30:00+07:00". */
  submittedAt: z.iso.datetime({ offset: true }),
  /** ISO date (ngày hẹn trả kết quả), null when the procedure has no fixed time. */
  appointmentDate: z.iso.date().nullable(),
  statusLabel: z.string().min(1).max(200),
  /** Papers the citizen still has to bring or upload. */
  papersToBring: z.array(z.string().min(1).max(500)).max(50),
  /** Where the citizen finishes on the public-service portal, signing in with VNeID. */
  finishUrl: z.url(),
  issuedBy: z.string().min(1).max(300),
});
export type ReceiptModel = z.infer<typeof receiptModelSchema>;

/** Validates a model and normalises every string to NFC, so fonts get precomposed Vietnamese letters. */
export function normaliseReceipt(model: ReceiptModel): ReceiptModel {
  const m = receiptModelSchema.parse(model);
  const nfc = (s: string): string => s.normalize("NFC").trim();
  return {
    ...m,
    dossierCode: nfc(m.dossierCode),
    procedureName: nfc(m.procedureName),
    agencyCode: nfc(m.agencyCode),
    statusLabel: nfc(m.statusLabel),
    papersToBring: m.papersToBring.map(nfc),
    issuedBy: nfc(m.issuedBy),
  };
}

/** The receipt for a dossier; papers default to the office's requests for more papers. */
export function receiptFromDossier(
  dossier: Dossier,
  papersToBring: readonly string[] = dossier.requests,
): ReceiptModel {
  return {
    dossierCode: dossier.code,
    procedureName: dossier.procedureName,
    agencyCode: dossier.agencyCode,
    submittedAt: dossier.submittedAt,
    appointmentDate: dossier.appointmentDate,
    statusLabel: dossier.statusLabel,
    papersToBring: [...papersToBring],
    finishUrl: dossier.finishUrl,
    issuedBy: ISSUED_BY,
  };
}
