// Placeholders that stand in for personal data while a text is being redacted. Each replaced span
// becomes an opaque private-use token (no letters or digits), so later passes cannot match inside it.

/** The words a redacted span is shown as to the language model. */
export const REDACTION_LABELS = {
  citizenId: "[SỐ CCCD]",
  oldId: "[SỐ CMND]",
  phone: "[SĐT]",
  email: "[EMAIL]",
  name: "[TÊN]",
  info: "[THÔNG TIN]",
} as const;

const MARK = "\uE000";
const FIRST = 0xe100;
const TOKEN = /\uE000([\uE100-\uEFFF])\uE000/g;

/** Collects replaced spans; `restore` puts their final text back. */
export class Placeholders {
  private readonly values: string[] = [];

  /** Returns a token that `restore` turns into `value` (a label, or a span kept verbatim). */
  put(value: string): string {
    this.values.push(value);
    return `${MARK}${String.fromCharCode(FIRST + this.values.length - 1)}${MARK}`;
  }

  restore(text: string): string {
    return text.replace(TOKEN, (whole, ch: string) => this.values[ch.charCodeAt(0) - FIRST] ?? whole);
  }
}
