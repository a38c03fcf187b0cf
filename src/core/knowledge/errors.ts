// Turns schema and cross-check failures into messages that name the file and the field,
// in Vietnamese first and English second, so a one-stop-shop officer can fix the data.
import type { z } from "zod";

/** One problem found in the knowledge files. */
export interface KbProblem {
  readonly file: string;
  /** Dotted path to the field, e.g. "documents[2].copy"; "" for the whole file. */
  readonly field: string;
  readonly vi: string;
  readonly en: string;
}

const CUSTOM: Record<string, [string, string]> = {
  empty: ["không được để trống", "must not be empty"],
  "id-format": [
    "chỉ dùng chữ thường không dấu, số và dấu gạch nối (ví dụ: khai-sinh)",
    "use lower-case ASCII letters, digits and hyphens (e.g. khai-sinh)",
  ],
  url: ["không phải địa chỉ web hợp lệ (cần bắt đầu bằng https://)", "is not a valid URL"],
  "date-format": ["ngày phải viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2026-11-23", "date must be YYYY-MM-DD"],
  "date-invalid": ["ngày không tồn tại", "is not a real date"],
  "tthc-code": ["mã TTHC phải có dạng 1.001193 (hoặc để null nếu chưa biết)", "national code must look like 1.001193 (or null)"],
  "aliases-min": ["cần thêm tên gọi thường dùng", "needs more aliases"],
  "sources-min": ["phải ghi ít nhất một nguồn chính thức", "needs at least one source"],
  "field-name": ["tên trường chỉ dùng chữ thường không dấu, số và _", "field name must be snake_case ASCII"],
  "choice-options": ["trường kiểu lựa chọn phải có ít nhất 2 phương án", "a choice field needs at least 2 options"],
  regex: ["biểu thức kiểm tra (pattern) viết sai", "pattern is not a valid regular expression"],
};

/** Renders a zod issue path as "documents[2].copy". */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), "");
}

function describeIssue(issue: z.core.$ZodIssue): [string, string] {
  const custom = CUSTOM[issue.message];
  if (custom) return custom;
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? ["thiếu trường bắt buộc", "required field is missing"]
        : [`sai kiểu dữ liệu, cần ${issue.expected}`, `wrong type, expected ${issue.expected}`];
    case "unrecognized_keys":
      return [
        `có trường lạ không được phép: ${issue.keys.join(", ")} (gõ sai tên?)`,
        `unknown field(s): ${issue.keys.join(", ")} (typo?)`,
      ];
    case "invalid_value":
      return [
        `giá trị không hợp lệ, chỉ nhận: ${issue.values.map(String).join(", ")}`,
        `invalid value, expected one of: ${issue.values.map(String).join(", ")}`,
      ];
    case "too_small":
      return [`quá nhỏ hoặc quá ít (tối thiểu ${String(issue.minimum)})`, `too small (minimum ${String(issue.minimum)})`];
    case "too_big":
      return [`quá lớn hoặc quá nhiều (tối đa ${String(issue.maximum)})`, `too big (maximum ${String(issue.maximum)})`];
    default:
      return [`không hợp lệ: ${issue.message}`, `invalid: ${issue.message}`];
  }
}

/** Converts every issue of a failed parse into a named, bilingual problem. */
export function problemsFromZod(file: string, error: z.ZodError, prefix = ""): KbProblem[] {
  return error.issues.map((issue) => {
    const [vi, en] = describeIssue(issue);
    const path = formatPath(issue.path);
    return { file, field: prefix && path ? `${prefix}.${path}` : prefix || path, vi, en };
  });
}

/** One-line rendering used by `npm run kb:check` and thrown errors. */
export function formatProblem(p: KbProblem): string {
  const where = p.field ? `${p.file} › ${p.field}` : p.file;
  return `${where}: ${p.vi} / ${p.en}`;
}
