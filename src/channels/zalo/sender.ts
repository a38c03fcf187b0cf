// The Zalo side of outgoing replies: no buttons, so options become numbered lines (a bare "1" picks),
// links and files become text lines or photos, bubbles are split at 2,000 characters, and the first
// message of a conversation says the user is talking to an automated assistant.
import {
  automatedNoticeKey,
  type InboundAttachment,
  type Reply,
  type ReplyFile,
} from "../../core/messages.js";
import type { SeenLog } from "../../core/ports.js";
import { plainText, splitBubbles } from "../../core/replies/index.js";
import { absoluteUrl, type AttachmentRef, type PushSender } from "../common/index.js";
import type { ZaloClient } from "./client.js";

/** Zalo's sendMessage accepts 1–2,000 characters. */
export const ZALO_MAX_CHARS = 2_000;
const PHOTO_MIMES = new Set(["image/png", "image/jpeg"]);
/** Letters only Vietnamese uses: a reply without any is taken to be English. */
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

export interface ZaloSenderDeps {
  readonly client: ZaloClient;
  readonly seen: SeenLog;
  /** The "automated assistant, answers are guidance" notice in both languages. */
  readonly notice: { readonly vi: string; readonly en: string };
  /** How long "this conversation was told" is remembered (as long as a conversation lives). */
  readonly noticeTtlSeconds: number;
  /** Public address of our server for absolute file links; null = relative files are left out. */
  readonly publicBaseUrl: string | null;
  readonly download: (ref: AttachmentRef) => Promise<InboundAttachment>;
}

/** Creates the Zalo PushSender. */
export function createZaloSender(deps: ZaloSenderDeps): PushSender {
  /** The notice to put first, or null when already told (or the reply says it itself). */
  async function noticeFor(conversationId: string, text: string): Promise<string | null> {
    if (await deps.seen.has(automatedNoticeKey(conversationId))) return null;
    if (text.includes(deps.notice.vi) || text.includes(deps.notice.en)) {
      await deps.seen.firstTime(automatedNoticeKey(conversationId), deps.noticeTtlSeconds);
      return null;
    }
    return VIETNAMESE.test(text) || text.trim() === "" ? deps.notice.vi : deps.notice.en;
  }

  return {
    channel: "zalo",
    async send(chatId, reply) {
      const conversationId = `zalo:${chatId}`;
      const files = (reply.files ?? []).flatMap((f) => withUrl(f, deps.publicBaseUrl));
      const photos = files.filter((f) => PHOTO_MIMES.has(f.mime));
      const text = zaloText(
        reply,
        files.filter((f) => !PHOTO_MIMES.has(f.mime)),
      );
      const notice = await noticeFor(conversationId, text);
      const bubbles = splitBubbles(notice ? `${notice}\n\n${text}` : text, ZALO_MAX_CHARS);
      for (const [i, bubble] of bubbles.entries()) {
        await deps.client.sendMessage(chatId, bubble);
        if (i === 0 && notice)
          await deps.seen.firstTime(automatedNoticeKey(conversationId), deps.noticeTtlSeconds);
      }
      for (const photo of photos) await deps.client.sendPhoto(chatId, photo.url, photo.name.slice(0, 200));
    },
    typing: (chatId) => deps.client.sendChatAction(chatId, "typing"),
    download: (ref) => deps.download(ref),
  };
}

/** The reply as one text: plainText (options numbered, links as lines), then file links. */
export function zaloText(reply: Reply, fileLinks: readonly ReplyFile[]): string {
  const lines = [plainText(reply), ...fileLinks.map((f) => `${f.name}: ${f.url}`)];
  return lines.filter((l) => l.trim() !== "").join("\n");
}

/** The file with an absolute http(s) URL, or nothing when it has none and no public address is set. */
function withUrl(file: ReplyFile, base: string | null): ReplyFile[] {
  const url = absoluteUrl(file.url, base);
  return url ? [{ ...file, url }] : [];
}
