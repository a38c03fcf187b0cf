// A canonical reply as Telegram messages: text pieces of at most 4,096 characters, an inline keyboard
// (options, link buttons) on the last piece, files as documents by absolute URL, and a text fallback.
import type { Reply } from "../../core/messages.js";
import { plainText, splitBubbles } from "../../core/replies/index.js";
import { absoluteUrl } from "../common/index.js";
import { inlineKeyboard, type InlineButton } from "./keyboard.js";

/** Telegram's limit on one message's text. */
export const MAX_MESSAGE_CHARS = 4096;

export interface RenderOptions {
  /** Public address of our server (no trailing slash): makes "/files/…" links absolute; null = none. */
  readonly publicBaseUrl: string | null;
  /** The line shown for a link or file we cannot give an address for (e.g. "📎 Biên nhận (PDF) — …"). */
  readonly unavailable: (label: string) => string;
}

export interface TelegramMessages {
  /** Text messages in order; the keyboard goes on the last one. */
  readonly pieces: readonly string[];
  readonly keyboard?: { inline_keyboard: InlineButton[][] };
  /** Files to send as documents (Telegram fetches the URL itself). */
  readonly documents: readonly { readonly url: string; readonly name: string }[];
  /** The last piece as text only (options numbered, links as "label: url"), for when buttons are refused. */
  readonly fallback: (lastPiece: string) => string[];
}

/** Renders one reply for Telegram. */
export function renderReply(reply: Reply, options: RenderOptions): TelegramMessages {
  const links: { url: string; label: string }[] = [];
  const notes: string[] = [];
  for (const link of reply.links ?? []) {
    const url = absoluteUrl(link.url, options.publicBaseUrl);
    if (url) links.push({ url, label: link.label });
    else notes.push(options.unavailable(link.label));
  }
  const documents: { url: string; name: string }[] = [];
  for (const file of reply.files ?? []) {
    const url = absoluteUrl(file.url, options.publicBaseUrl);
    if (url) documents.push({ url, name: file.name });
    else notes.push(options.unavailable(file.name));
  }
  const text = [reply.text, ...notes].filter((t) => t.trim() !== "").join("\n");
  const keyboard = inlineKeyboard(reply.options ?? [], links);
  // A keyboard needs a message to hang on, even when the reply has no text of its own.
  const pieces = splitBubbles(text, MAX_MESSAGE_CHARS);
  const shown = pieces.length > 0 ? pieces : keyboard ? ["…"] : [];
  const fallback = (lastPiece: string) =>
    splitBubbles(plainText({ text: lastPiece, links, options: reply.options ?? [] }), MAX_MESSAGE_CHARS);
  return { pieces: shown, ...(keyboard ? { keyboard } : {}), documents, fallback };
}
