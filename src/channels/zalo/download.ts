// Downloads a photo a Zalo user sent (Zalo gives a URL): http(s) only, with a timeout and a size cap
// checked on the declared length and while reading. Too large or gone → bytes null, never an error.
import axios from "axios";
import type { Readable } from "node:stream";
import { MAX_ATTACHMENT_BYTES, type InboundAttachment } from "../../core/messages.js";
import type { AttachmentRef } from "../common/index.js";

export interface DownloadOptions {
  /** Largest photo kept (default MAX_ATTACHMENT_BYTES). */
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
}

/** A photo's bytes, or `bytes: null` when its URL is not http(s), it is too large or unreachable. */
export async function downloadPhoto(
  ref: AttachmentRef,
  options: DownloadOptions = {},
): Promise<InboundAttachment> {
  const maxBytes = options.maxBytes ?? MAX_ATTACHMENT_BYTES;
  const missing: InboundAttachment = { bytes: null, ...(ref.mime ? { mime: ref.mime } : {}) };
  if (!isHttpUrl(ref.ref)) return missing;
  let stream: Readable | null = null;
  try {
    const res = await axios.get<Readable>(ref.ref, {
      responseType: "stream",
      timeout: options.timeoutMs ?? 20_000,
      maxContentLength: maxBytes,
      maxRedirects: 3,
      proxy: false,
      validateStatus: (s) => s === 200,
    });
    stream = res.data;
    const declared = Number(res.headers["content-length"] ?? Number.NaN);
    const header = res.headers["content-type"];
    const mime = typeof header === "string" ? header.split(";")[0]?.trim() : undefined;
    if (declared > maxBytes) {
      stream.destroy();
      return { ...missing, size: declared, ...(mime ? { mime } : {}) };
    }
    const bytes = await readAll(stream, maxBytes);
    if (!bytes) return { ...missing, ...(mime ? { mime } : {}) };
    return { bytes, size: bytes.length, ...(mime ? { mime } : {}) };
  } catch {
    stream?.destroy();
    return missing;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** Reads the stream to the end; null once it passes `maxBytes` (the stream is then destroyed). */
async function readAll(stream: Readable, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > maxBytes) {
      stream.destroy();
      return null;
    }
    chunks.push(buf);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
