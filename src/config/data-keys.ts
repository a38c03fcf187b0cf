// DATA_KEYS: the keys sealing personal data at rest, "id:key,id:key" (key = 32 bytes as base64 or 64
// hex digits). The first seals new records, the others only open older ones (rotation).
import { z } from "zod";
import { decodeAttachmentsKey } from "./attachments-key.js";

/** One configured key (the bytes never leave the process and are never logged). */
export interface ConfiguredDataKey {
  readonly id: string;
  readonly key: Uint8Array;
}

const ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses the DATA_KEYS text; a string describing the first problem when it is malformed. */
function parseDataKeys(text: string): ConfiguredDataKey[] | string {
  const keys: ConfiguredDataKey[] = [];
  for (const [i, entry] of text.split(",").entries()) {
    const at = entry.indexOf(":");
    const id = entry.slice(0, at).trim();
    const key = at > 0 ? decodeAttachmentsKey(entry.slice(at + 1)) : null;
    if (!ID.test(id))
      return `mục ${i + 1}: mã khóa phải là 1–32 ký tự A-Z a-z 0-9 _ - / entry ${i + 1}: key id must be 1–32 of A-Z a-z 0-9 _ -`;
    if (!key)
      return `khóa "${id}" phải là 32 byte dạng base64 hoặc 64 chữ số hex / key "${id}" must be 32 bytes as base64 or 64 hex digits`;
    if (keys.some((k) => k.id === id)) return `mã khóa "${id}" bị lặp / key id "${id}" is repeated`;
    keys.push({ id, key });
  }
  return keys;
}

/** Optional; when set, every entry must be `id:key` with a unique id and a 32-byte key. */
export const dataKeysSchema = z
  .string()
  .trim()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === "") return [] as ConfiguredDataKey[];
    const keys = parseDataKeys(s);
    if (typeof keys === "string") {
      ctx.addIssue({ code: "custom", message: `DATA_KEYS: ${keys} (openssl rand -base64 32)` });
      return z.NEVER;
    }
    return keys;
  });
