// Zalo update → canonical message, parsed loosely: wrapped {ok, result:{…}} or bare {event_name,
// message}, ids as strings or numbers, the photo in `photo` or `photo_url`. Bots' messages are ignored.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { PendingTurn } from "../common/index.js";

/** Longest text taken from one message (Zalo's own limit is 2,000 characters). */
const MAX_TEXT = 2_000;

const id = z.union([z.string().trim().min(1), z.number().finite()]).transform(String);
const optionalText = z.string().optional().catch(undefined);

const messageSchema = z.looseObject({
  message_id: id.optional().catch(undefined),
  date: z.union([z.number(), z.string()]).optional().catch(undefined),
  from: z
    .looseObject({ id: id.optional().catch(undefined), is_bot: z.boolean().optional().catch(undefined) })
    .optional()
    .catch(undefined),
  chat: z
    .looseObject({ id: id.optional().catch(undefined) })
    .optional()
    .catch(undefined),
  text: optionalText,
  caption: optionalText,
  photo: optionalText,
  photo_url: optionalText,
});

const updateSchema = z.looseObject({
  event_name: z.string().min(1),
  message: messageSchema.optional().catch(undefined),
});

/** What an update means for us. */
export type ZaloUpdate =
  /** A message to answer; `key` claims it once in the seen-log. */
  | { readonly kind: "turn"; readonly key: string; readonly turn: PendingTurn }
  /** Nothing to answer: another bot, or an event that is not a user's message. */
  | { readonly kind: "ignored"; readonly reason: "bot" | "event" }
  /** Not a Zalo update at all. */
  | { readonly kind: "malformed" };

export interface TranslateOptions {
  /** Epoch ms the update reached us. */
  readonly now: number;
  /** Whether this Zalo user id belongs to a one-stop officer. */
  readonly isStaff: (userId: string) => boolean;
}

/** The update inside a body: `result` of a wrapped {ok: true, result} envelope, or the body itself. */
export function unwrap(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return body;
  const b = body as { ok?: unknown; result?: unknown };
  return b.ok === true && typeof b.result === "object" && b.result !== null ? b.result : body;
}

/** Translates one webhook body or getUpdates result; never throws. */
export function translateUpdate(body: unknown, options: TranslateOptions): ZaloUpdate {
  const update = unwrap(body);
  const parsed = updateSchema.safeParse(update);
  if (!parsed.success) return { kind: "malformed" };
  const { event_name: event, message } = parsed.data;
  const isMessage = event.startsWith("message.");
  if (!message) return isMessage ? { kind: "malformed" } : { kind: "ignored", reason: "event" };
  if (!isMessage) return { kind: "ignored", reason: "event" };
  if (message.from?.is_bot === true) return { kind: "ignored", reason: "bot" };
  const chatId = message.chat?.id ?? message.from?.id;
  if (!chatId) return { kind: "malformed" };
  const photo = message.photo ?? message.photo_url;
  // Text and photos are read; stickers, voice and unsupported content arrive as an empty message,
  // which the assistant answers politely (it reads text and photos only).
  const readable = event === "message.text.received" || event === "message.image.received";
  const text = readable ? (message.text ?? message.caption ?? "").slice(0, MAX_TEXT) : "";
  const fromId = message.from?.id;
  const turn: PendingTurn = {
    message: {
      conversationId: `zalo:${chatId}`,
      channel: "zalo",
      text,
      receivedAt: options.now,
      ...(fromId && options.isStaff(fromId) ? { fromStaff: true } : {}),
    },
    ...(photo && readable ? { attachment: { ref: photo } } : {}),
  };
  return { kind: "turn", key: updateKey(event, chatId, message.message_id, message.date, update), turn };
}

/** "zalo:msg:<message_id>"; without one, a hash of the event, chat and date (or of the whole update). */
function updateKey(
  event: string,
  chatId: string,
  messageId: string | undefined,
  date: number | string | undefined,
  update: unknown,
): string {
  if (messageId) return `zalo:msg:${messageId}`;
  const when = date !== undefined && String(date) !== "" ? String(date) : JSON.stringify(update);
  const digest = createHash("sha256").update(`${event}\n${chatId}\n${when}`).digest("hex");
  return `zalo:evt:${digest.slice(0, 32)}`;
}
