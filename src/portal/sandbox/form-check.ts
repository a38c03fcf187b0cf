// Checks a dossier's form data against the procedure's form in the knowledge base with the same
// validator the chat uses: required fields present, every value valid, no unknown fields.
import type { FormField, Procedure } from "../../core/knowledge/index.js";
import { validateField, type FieldCheck } from "../../core/dialogue/index.js";

/** Vietnamese messages for the validator's error keys (the portal answers API clients, not citizens). */
const MESSAGES: Record<string, string> = {
  "field.empty": "chưa có giá trị",
  "field.date.format": "ngày không hợp lệ (dạng ngày/tháng/năm, ví dụ 05/03/2024)",
  "field.date.future": "ngày chưa tới",
  "field.date.past": "ngày đã qua, cần một ngày từ hôm nay trở đi",
  "field.date.too-old": "năm quá xa",
  "field.cccd.digits": "số căn cước chỉ gồm chữ số",
  "field.cccd.length": "số căn cước phải có 12 chữ số",
  "field.cccd.province": "số căn cước bắt đầu bằng 0",
  "field.phone": "số điện thoại không hợp lệ",
  "field.name.digits": "họ tên không được có chữ số",
  "field.name.chars": "họ tên chỉ gồm chữ cái",
  "field.name.words": "cần đủ họ và tên (ít nhất 2 chữ, tối đa 60 ký tự)",
  "field.choice": "không thuộc các lựa chọn",
  "field.number": "cần một số",
  "field.year": "năm cần 4 chữ số",
  "field.min": "nhỏ hơn giá trị tối thiểu",
  "field.max": "lớn hơn giá trị tối đa",
  "field.email": "email không hợp lệ",
  "field.address": "địa chỉ quá ngắn",
  "field.text.short": "quá ngắn",
  "field.text.long": "quá dài",
  "field.pattern": "không đúng mẫu",
};

function message(field: FormField, check: Extract<FieldCheck, { ok: false }>): string {
  const base = MESSAGES[check.error] ?? "không hợp lệ";
  const params = check.params ?? {};
  let detail = "";
  if (check.error === "field.choice") detail = `: ${(field.options ?? []).join(", ")}`;
  else if (check.error === "field.min") detail = ` (${params.min})`;
  else if (check.error === "field.max") detail = ` (${params.max})`;
  else if (check.error === "field.pattern" && field.rule?.pattern_hint)
    detail = ` (${field.rule.pattern_hint})`;
  return `${field.label}: ${base}${detail}`;
}

export type FormResult =
  | { readonly ok: true; readonly values: Record<string, string> }
  | { readonly ok: false; readonly fields: Record<string, string> };

/** Validates and normalises `formData`; `today` is the Vietnam date at 00:00 UTC (bounds dates). */
export function checkForm(procedure: Procedure, formData: Record<string, string>, today: Date): FormResult {
  const fields: Record<string, string> = {};
  const values: Record<string, string> = {};
  const known = new Map((procedure.form?.fields ?? []).map((f) => [f.name, f]));
  for (const name of Object.keys(formData)) {
    if (!known.has(name)) fields[name] = "Trường này không có trong tờ khai của thủ tục";
  }
  for (const field of known.values()) {
    const raw = formData[field.name];
    if (raw === undefined || raw.trim() === "") {
      if (field.required) fields[field.name] = `${field.label}: bắt buộc, chưa có giá trị`;
      continue;
    }
    const check = validateField(field, raw, today);
    if (check.ok) values[field.name] = check.value;
    else fields[field.name] = message(field, check);
  }
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, values };
}
