// ATTACHMENTS_KEY: the AES-256 key sealing photos attached to dossiers, 32 bytes written as 64 hex
// digits or as base64 (e.g. `openssl rand -base64 32`). Decoded here so a bad key stops start-up.
import { z } from "zod";

/** Decodes 64 hex digits or base64/base64url to bytes; null when it is neither or not 32 bytes. */
export function decodeAttachmentsKey(text: string): Uint8Array | null {
  const t = text.trim();
  if (/^[0-9a-f]{64}$/i.test(t)) return Uint8Array.from(Buffer.from(t, "hex"));
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) return null;
  const bytes = Buffer.from(t.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return bytes.length === 32 ? Uint8Array.from(bytes) : null;
}

/** Optional; when set it must decode to exactly 32 bytes. */
export const attachmentsKeySchema = z
  .string()
  .trim()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === "") return undefined;
    const key = decodeAttachmentsKey(s);
    if (!key) {
      ctx.addIssue({
        code: "custom",
        message:
          "ATTACHMENTS_KEY phải là 32 byte: 64 chữ số hex hoặc base64 (openssl rand -base64 32) / must be 32 bytes as 64 hex digits or base64",
      });
      return z.NEVER;
    }
    return key;
  });
