// The Telegram PushSender: one canonical reply becomes sendMessage calls (split at 4,096 characters,
// inline keyboard on the last), sendDocument for files; typing → sendChatAction; photo downloads.
import type { Api } from "grammy";
import type { Reply } from "../../core/messages.js";
import type { PushSender } from "../common/index.js";
import { createDownloader } from "./download.js";
import { isBadRequest, toChannelError } from "./errors.js";
import { renderReply, type RenderOptions } from "./render.js";

export interface TelegramSenderDeps extends RenderOptions {
  readonly api: Api;
  readonly apiRoot: string;
  readonly token: string;
}

/** Runs a Bot API call, mapping its failure to ChannelRetryError / ChannelRejectedError. */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toChannelError(err);
  }
}

/** Creates the sender; it never logs message text or the token. */
export function createTelegramSender(deps: TelegramSenderDeps): PushSender {
  const { api } = deps;
  const quiet = { link_preview_options: { is_disabled: true } } as const;

  /** The last piece with its keyboard; when Telegram refuses the buttons, the numbered-text version. */
  async function sendWithKeyboard(chatId: string, text: string, reply: ReturnType<typeof renderReply>) {
    try {
      await api.sendMessage(chatId, text, {
        ...quiet,
        ...(reply.keyboard ? { reply_markup: reply.keyboard } : {}),
      });
    } catch (err) {
      if (!reply.keyboard || !isBadRequest(err)) throw toChannelError(err);
      for (const piece of reply.fallback(text)) {
        await call(() => api.sendMessage(chatId, piece, quiet));
      }
    }
  }

  /** A file as a document by URL; when Telegram cannot fetch it, its link as text instead. */
  async function sendDocument(chatId: string, doc: { url: string; name: string }) {
    try {
      await api.sendDocument(chatId, doc.url, { caption: doc.name });
    } catch (err) {
      if (!isBadRequest(err)) throw toChannelError(err);
      await call(() => api.sendMessage(chatId, `📎 ${doc.name}: ${doc.url}`, quiet));
    }
  }

  return {
    channel: "telegram",
    async send(chatId: string, reply: Reply) {
      const out = renderReply(reply, deps);
      const last = out.pieces.length - 1;
      for (const [i, piece] of out.pieces.entries()) {
        if (i < last) await call(() => api.sendMessage(chatId, piece, quiet));
        else await sendWithKeyboard(chatId, piece, out);
      }
      for (const doc of out.documents) await sendDocument(chatId, doc);
    },
    async typing(chatId: string) {
      await call(() => api.sendChatAction(chatId, "typing"));
    },
    download: createDownloader({ api, apiRoot: deps.apiRoot, token: deps.token }),
  };
}
