// Vietnamese labels and date formatting shared by the PDF, PNG and text receipts: dd/mm/yyyy dates in
// Vietnam time (UTC+7, no daylight saving) and the label/value rows every renderer prints.
import type { ReceiptModel } from "./model.js";

export const LABELS = {
  title: "BIÊN NHẬN HỒ SƠ",
  dossierCode: "Mã hồ sơ",
  procedure: "Thủ tục",
  agency: "Cơ quan tiếp nhận",
  submittedAt: "Ngày nộp",
  appointment: "Ngày hẹn trả kết quả",
  status: "Trạng thái",
  papers: "Giấy tờ cần mang/bổ sung",
  noPapers: "Không có",
  finish: "Hoàn tất trên Cổng DVC bằng VNeID",
  undetermined: "chưa xác định",
  scanHint: "Quét mã QR để lấy mã hồ sơ",
} as const;

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const pad = (n: number): string => String(n).padStart(2, "0");

/** "2024-03-20" → "20/03/2024"; null → "chưa xác định". */
export function formatDate(isoDate: string | null): string {
  if (isoDate === null) return LABELS.undetermined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not an ISO date: ${isoDate}`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** An ISO date-time with offset → "dd/mm/yyyy HH:mm" in Vietnam time. */
export function formatDateTime(isoDateTime: string): string {
  const ms = Date.parse(isoDateTime);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date-time: ${isoDateTime}`);
  const d = new Date(ms + VIETNAM_OFFSET_MS);
  const date = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The label/value rows under the dossier code, in print order. */
export function detailRows(model: ReceiptModel): Array<[label: string, value: string]> {
  return [
    [LABELS.procedure, model.procedureName],
    [LABELS.agency, model.agencyCode],
    [LABELS.submittedAt, formatDateTime(model.submittedAt)],
    [LABELS.appointment, formatDate(model.appointmentDate)],
    [LABELS.status, model.statusLabel],
  ];
}
