// CSV export of the question log for spreadsheets: UTF-8 with a BOM (Excel shows Vietnamese),
// CRLF rows, RFC 4180 quoting, and cells that a spreadsheet would run as a formula defused with "'".
import type { QuestionEvent } from "../core/ports.js";
import { NO_PROCEDURE, OUTCOME_LABELS, type ProcedureNames } from "./staff-stats.js";

/** A cell value: text, a number, or empty. */
export type CsvValue = string | number | null;

/** Starts a spreadsheet would read as a formula (OWASP "CSV injection"): = + - @ tab CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: numbers as they are; text defused and quoted when it holds a comma, quote or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, then one CRLF-terminated line per row. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("")}`;
}

/** "yyyy-mm-dd hh:mm:ss" in Vietnam time (UTC+7, no daylight saving). */
export function vietnamTime(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

export const CSV_HEADER = [
  "Thời gian (giờ Việt Nam)",
  "Kênh",
  "Mã thủ tục",
  "Thủ tục",
  "Kết quả",
  "Mã kết quả",
  "Độ tin cậy",
  "Câu hỏi (đã ẩn thông tin cá nhân)",
] as const;

/** The question log as CSV rows under CSV_HEADER. */
export function questionsCsv(events: readonly QuestionEvent[], names: ProcedureNames): string {
  const rows = events.map((e): CsvValue[] => [
    vietnamTime(e.at),
    e.channel,
    e.procedure,
    e.procedure ? (names(e.procedure) ?? e.procedure) : NO_PROCEDURE,
    OUTCOME_LABELS[e.outcome],
    e.outcome,
    e.confidence,
    e.question,
  ]);
  return toCsv([[...CSV_HEADER], ...rows]);
}
