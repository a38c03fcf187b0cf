// Downloads a file a user sent (photo or document): getFile for its path, then GET
// {apiRoot}/file/bot{token}/{file_path}, stopping at MAX_ATTACHMENT_BYTES. The URL is never logged.
import type { Api } from "grammy";
import { MAX_ATTACHMENT_BYTES, type InboundAttachment } from "../../core/messages.js";
import type { AttachmentRef } from "../common/index.js";
import { toChannelError } from "./errors.js";

export interface DownloadDeps {
  readonly api: Api;
  readonly apiRoot: string;
  readonly token: string;
  /** Largest download (default MAX_ATTACHMENT_BYTES). */
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
}

/** Creates the downloader: bytes null when the file is over the cap or Telegram has no path for it. */
export function createDownloader(deps: DownloadDeps): (ref: AttachmentRef) => Promise<InboundAttachment> {
  const max = deps.maxBytes ?? MAX_ATTACHMENT_BYTES;
  return async (ref) => {
    const meta = {
      ...(ref.mime ? { mime: ref.mime } : {}),
      ...(ref.name ? { name: ref.name } : {}),
    };
    const declared = ref.size;
    if (declared !== undefined && declared > max) return { bytes: null, ...meta, size: declared };
    const file = await deps.api.getFile(ref.ref).catch((err: unknown) => {
      throw toChannelError(err);
    });
    const size = file.file_size ?? declared;
    const sized = size !== undefined ? { size } : {};
    if (!file.file_path || (size !== undefined && size > max)) return { bytes: null, ...meta, ...sized };
    const url = `${deps.apiRoot}/file/bot${deps.token}/${file.file_path}`;
    const bytes = await fetchCapped(url, max, deps.timeoutMs ?? 30_000);
    return { bytes, ...meta, size: bytes?.byteLength ?? size ?? max + 1 };
  };
}

/** The body of `url`, or null as soon as it grows past `max` bytes. */
async function fetchCapped(url: string, max: number, timeoutMs: number): Promise<Uint8Array | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { signal: controller.signal }).catch(() => {
      throw new Error("telegram file download failed");
    });
    if (!res.ok || !res.body) throw new Error(`telegram file download answered ${res.status}`);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > max) {
        controller.abort();
        return null;
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, total);
  } finally {
    clearTimeout(timer);
  }
}
