// What a push channel (Telegram, Zalo) gives the shared channel machinery: a sender of one bubble,
// an optional typing signal and a downloader for photos, plus the errors a sender may throw.
import type { InboundAttachment, Reply } from "../../core/messages.js";

/** Channels whose replies we push through a platform API (the web chat pulls instead). */
export type PushChannelName = "telegram" | "zalo";

/** A file the user sent, as the platform describes it; downloaded only when the turn runs. */
export interface AttachmentRef {
  /** Platform handle: a Telegram file_id or a Zalo photo URL. */
  readonly ref: string;
  readonly mime?: string;
  readonly name?: string;
  readonly size?: number;
}

/** One push channel's outbound side. Implementations split a bubble to their own length limit. */
export interface PushSender {
  readonly channel: PushChannelName;
  /** Sends one bubble to a chat; throws ChannelRetryError when trying later may work. */
  send(chatId: string, reply: Reply): Promise<void>;
  /** Shows "typing…" (best effort; failures are ignored). */
  typing?(chatId: string): Promise<void>;
  /** Downloads a file the user sent; bytes null when it is too large or gone. */
  download?(ref: AttachmentRef): Promise<InboundAttachment>;
}

/** A send that may work later (network error, 5xx, 429); `retryAfterMs` when the API said so. */
export class ChannelRetryError extends Error {
  override readonly name = "ChannelRetryError";
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A send that will never work (blocked bot, unknown chat, bad request): dropped, not retried. */
export class ChannelRejectedError extends Error {
  override readonly name = "ChannelRejectedError";
}

/** "telegram:42" → { channel: "telegram", chatId: "42" }; null for pull channels (web, cli). */
export function pushAddress(
  conversationId: string,
): { readonly channel: PushChannelName; readonly chatId: string } | null {
  const at = conversationId.indexOf(":");
  if (at <= 0) return null;
  const channel = conversationId.slice(0, at);
  const chatId = conversationId.slice(at + 1);
  if ((channel !== "telegram" && channel !== "zalo") || chatId === "") return null;
  return { channel, chatId };
}
