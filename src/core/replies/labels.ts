// Plain-Vietnamese labels for the knowledge enums (copy kinds, online levels, agency levels)
// and the date format citizens read (dd/mm/yyyy).
import type { AgencyLevel, CopyKind, OnlineLevel } from "../knowledge/index.js";

export const COPY_LABEL: Record<CopyKind, string> = {
  original: "bản chính",
  certified_copy: "bản sao có chứng thực",
  copy: "bản sao hoặc bản chụp",
  original_or_certified_copy: "bản chính hoặc bản sao có chứng thực",
  show_original: "mang bản chính để cán bộ đối chiếu",
  electronic: "kê khai điện tử",
};

export const ONLINE_LABEL: Record<OnlineLevel, string> = {
  full: "Làm trực tuyến toàn trình được (không cần đến nơi nộp)",
  partial: "Nộp trực tuyến được một phần (vẫn phải đến nhận kết quả hoặc nộp bản giấy)",
  none: "Chưa làm trực tuyến được, phải nộp trực tiếp",
  unknown: "Chưa rõ có nộp trực tuyến được không — hãy hỏi bộ phận một cửa",
};

export const LEVEL_LABEL: Record<AgencyLevel, string> = {
  commune: "cấp xã",
  province: "cấp tỉnh",
  central: "trung ương",
  other: "cơ quan chuyên ngành",
};

/** The calendar day (yyyy-mm-dd) of an instant in Vietnam time (UTC+7, no daylight saving). */
export function vnIsoDay(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Epoch milliseconds → "dd/mm/yyyy" in Vietnam time. */
export function vnDate(ms: number): string {
  return formatDate(vnIsoDay(ms));
}

/** "2026-11-23" → "23/11/2026"; other strings are returned unchanged. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
