// Signed, expiring receipt links: /files/receipts/<code>.<pdf|png>?e=<unix seconds>&t=<base64url
// HMAC-SHA256(secret, "<code>.<e>")>, a capability handed to the chat; checked in constant time.
import { createHmac, timingSafeEqual } from "node:crypto";

export const RECEIPT_PATH = "/files/receipts";
export const RECEIPT_FORMATS = {
  pdf: { mime: "application/pdf", name: "Biên nhận (PDF)" },
  png: { mime: "image/png", name: "Biên nhận (ảnh PNG)" },
} as const;
export type ReceiptFormat = keyof typeof RECEIPT_FORMATS;

/** Shortest accepted secret (FILES_SECRET). */
export const MIN_SECRET_LENGTH = 32;

export interface ReceiptLinkOptions {
  readonly secret: string;
  /** How long a link stays valid, in seconds. */
  readonly ttlSeconds: number;
  readonly now?: () => number;
  /** Path the links point under (default RECEIPT_PATH); printable checklists use their own. */
  readonly path?: string;
  /** Signs "<purpose>:<code>.<e>" instead of "<code>.<e>", so links of one kind never open another. */
  readonly purpose?: string;
  /** Names and MIME types files() gives each format (default RECEIPT_FORMATS). */
  readonly formats?: Readonly<Record<ReceiptFormat, { readonly mime: string; readonly name: string }>>;
}

export interface ReceiptFile {
  readonly name: string;
  readonly mime: string;
  readonly url: string;
}

export interface ReceiptLinks {
  /** Absolute-path URL of one format of the receipt, valid for ttlSeconds from now. */
  readonly url: (code: string, format: ReceiptFormat) => string;
  /** Both formats, as the chat offers them. */
  readonly files: (code: string) => ReceiptFile[];
  /** Whether `e`/`t` (the query of a link) are a valid, unexpired signature for `code`. */
  readonly verify: (code: string, e: string | undefined, t: string | undefined) => boolean;
}

const EXPIRY = /^\d{1,12}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/; // base64url of 32 bytes, no padding

export function createReceiptLinks(options: ReceiptLinkOptions): ReceiptLinks {
  if (options.secret.length < MIN_SECRET_LENGTH)
    throw new RangeError(`receipt link secret must have at least ${MIN_SECRET_LENGTH} characters`);
  if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds <= 0)
    throw new RangeError("receipt link lifetime must be a positive number of seconds");
  const now = options.now ?? Date.now;
  const path = options.path ?? RECEIPT_PATH;
  const scope = options.purpose ? `${options.purpose}:` : "";
  const formats = options.formats ?? RECEIPT_FORMATS;
  const mac = (code: string, expiresAt: string): Buffer =>
    createHmac("sha256", options.secret).update(`${scope}${code}.${expiresAt}`).digest();

  const url = (code: string, format: ReceiptFormat): string => {
    const expiresAt = String(Math.floor(now() / 1000) + options.ttlSeconds);
    const t = mac(code, expiresAt).toString("base64url");
    return `${path}/${encodeURIComponent(code)}.${format}?e=${expiresAt}&t=${t}`;
  };

  return {
    url,
    files: (code) =>
      (Object.keys(formats) as ReceiptFormat[]).map((format) => ({
        name: formats[format].name,
        mime: formats[format].mime,
        url: url(code, format),
      })),
    verify: (code, e, t) => {
      if (!e || !t || !EXPIRY.test(e) || !TOKEN.test(t)) return false;
      const expected = mac(code, e);
      const given = Buffer.from(t, "base64url");
      // Both are 32 bytes here (TOKEN fixes the length), so the comparison time reveals nothing.
      const genuine = given.length === expected.length && timingSafeEqual(given, expected);
      return genuine && Number(e) > Math.floor(now() / 1000);
    },
  };
}
