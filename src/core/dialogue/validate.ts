// Validates and normalises one answer to a form field according to its type and rule: dates
// dd/mm/yyyy, 12-digit citizen ids, Vietnamese phone numbers, names, choices, numbers, years.
import type { FormField } from "../knowledge/index.js";
import { foldKey } from "../nlu/normalize.js";
import { parsePick } from "../nlu/numbers.js";

/** A normalised value, or the reason (a template key + params) why the answer is not valid. */
export type FieldCheck =
  | { readonly ok: true; readonly value: string }
  | {
      readonly ok: false;
      readonly error: string;
      readonly params?: Readonly<Record<string, string | number>>;
    };

const bad = (error: string, params?: Record<string, string | number>): FieldCheck => ({
  ok: false,
  error,
  ...(params ? { params } : {}),
});

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Parses "5/3/2024", "05-03-2024", "5.3.2024" or "ngày 5 tháng 3 năm 2024" into [d, m, y]. */
export function parseDate(text: string): [number, number, number] | null {
  const t = foldKey(text);
  const spoken = /ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})/.exec(t);
  const m = spoken ?? /^(\d{1,2}) (\d{1,2}) (\d{4})$/.exec(t);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return [d, mo, y];
}

function checkDate(field: FormField, text: string, today: Date): FieldCheck {
  const parsed = parseDate(text);
  if (!parsed) return bad("field.date.format");
  const [d, m, y] = parsed;
  const value = Date.UTC(y, m - 1, d);
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (y < 1900) return bad("field.date.too-old");
  if (field.rule?.past && value > now) return bad("field.date.future");
  if (field.rule?.future && value < now) return bad("field.date.past");
  return { ok: true, value: `${pad(d)}/${pad(m)}/${y}` };
}

function checkCccd(text: string): FieldCheck {
  const digits = text.replace(/[\s.-]/g, "");
  if (!/^\d+$/.test(digits)) return bad("field.cccd.digits");
  if (digits.length !== 12) return bad("field.cccd.length", { count: digits.length });
  if (!digits.startsWith("0")) return bad("field.cccd.province");
  return { ok: true, value: digits };
}

/** Vietnamese mobile (03x, 05x, 07x, 08x, 09x) or landline (02x), with +84 / 84 accepted. */
function checkPhone(text: string): FieldCheck {
  let digits = text.replace(/[\s.\-()]/g, "");
  if (digits.startsWith("+84")) digits = `0${digits.slice(3)}`;
  else if (/^84\d{9,10}$/.test(digits)) digits = `0${digits.slice(2)}`;
  if (/^0[35789]\d{8}$/.test(digits) || /^02\d{9}$/.test(digits)) return { ok: true, value: digits };
  return bad("field.phone");
}

/** Title-cases each word the Vietnamese way ("nguyễn văn a" → "Nguyễn Văn A"). */
function titleCase(name: string): string {
  return name
    .split(" ")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
    .join(" ");
}

function checkName(text: string): FieldCheck {
  const name = text.normalize("NFC").replace(/\s+/g, " ").trim();
  if (/\d/.test(name)) return bad("field.name.digits");
  if (!/^[\p{L}' -]+$/u.test(name)) return bad("field.name.chars");
  const words = name.split(" ").filter(Boolean);
  if (words.length < 2 || name.length > 60) return bad("field.name.words");
  return { ok: true, value: titleCase(name) };
}

function checkChoice(field: FormField, text: string): FieldCheck {
  const options = field.options ?? [];
  const pick = parsePick(text);
  if (pick !== null && pick >= 1 && pick <= options.length)
    return { ok: true, value: options[pick - 1] ?? "" };
  const key = foldKey(text);
  const exact = options.find((o) => foldKey(o) === key);
  const partial = options.filter(
    (o) => key.length > 0 && (foldKey(o).includes(key) || key.includes(foldKey(o))),
  );
  const hit = exact ?? (partial.length === 1 ? partial[0] : undefined);
  return hit
    ? { ok: true, value: hit }
    : bad("field.choice", { options: options.map((o, i) => `${i + 1}. ${o}`).join("; ") });
}

function checkNumber(field: FormField, text: string, year: boolean, today: Date): FieldCheck {
  const raw = text.replace(/[\s.,]/g, "");
  if (!/^\d+$/.test(raw)) return bad(year ? "field.year" : "field.number");
  const n = Number(raw);
  const max = field.rule?.max ?? (year ? today.getUTCFullYear() : undefined);
  const min = field.rule?.min ?? (year ? 1900 : undefined);
  if (year && raw.length !== 4) return bad("field.year");
  if (min !== undefined && n < min) return bad("field.min", { min });
  if (max !== undefined && n > max) return bad("field.max", { max });
  return { ok: true, value: String(n) };
}

function checkText(field: FormField, text: string, address: boolean): FieldCheck {
  const value = text.replace(/\s+/g, " ").trim();
  const min = field.rule?.min_length ?? (address ? 5 : 1);
  const max = field.rule?.max_length ?? (address ? 200 : 300);
  if (value.length < min) return bad(address ? "field.address" : "field.text.short", { min });
  if (value.length > max) return bad("field.text.long", { max });
  if (!/\p{L}/u.test(value) && address) return bad("field.address");
  return { ok: true, value };
}

function checkPattern(field: FormField, value: string): FieldCheck {
  const pattern = field.rule?.pattern;
  if (!pattern || new RegExp(pattern, "u").test(value)) return { ok: true, value };
  return bad("field.pattern", { hint: field.rule?.pattern_hint ?? "" });
}

/** Checks one answer; `today` bounds past/future dates and years. */
export function validateField(field: FormField, text: string, today: Date): FieldCheck {
  const trimmed = text.trim();
  if (trimmed.length === 0) return bad("field.empty");
  let result: FieldCheck;
  switch (field.type) {
    case "date":
      result = checkDate(field, trimmed, today);
      break;
    case "cccd":
      result = checkCccd(trimmed);
      break;
    case "phone":
      result = checkPhone(trimmed);
      break;
    case "person_name":
      result = checkName(trimmed);
      break;
    case "choice":
      result = checkChoice(field, trimmed);
      break;
    case "number":
      result = checkNumber(field, trimmed, false, today);
      break;
    case "year":
      result = checkNumber(field, trimmed, true, today);
      break;
    case "email":
      result = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(trimmed)
        ? { ok: true, value: trimmed.toLowerCase() }
        : bad("field.email");
      break;
    case "address":
      result = checkText(field, trimmed, true);
      break;
    case "text":
      result = checkText(field, trimmed, false);
      break;
  }
  return result.ok ? checkPattern(field, result.value) : result;
}
