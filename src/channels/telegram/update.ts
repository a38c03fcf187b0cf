// One Telegram update → one pending turn (or nothing): text and commands, button presses, photos and
// documents (as attachment handles, downloaded later), anything else as an empty message. Private chats only.
import { z } from "zod";
import type { AttachmentRef, PendingTurn } from "../common/index.js";
import { commandText } from "./commands.js";
import { pressedLabel, readCallbackData } from "./keyboard.js";

/** Longest text passed on (Telegram's own limit on a message). */
const MAX_TEXT_CHARS = 4096;

const chatSchema = z.looseObject({ id: z.number().int(), type: z.string() });
const userSchema = z.looseObject({ id: z.number().int(), is_bot: z.boolean().optional() });
const fileFields = {
  file_id: z.string().min(1).max(512),
  file_size: z.number().int().nonnegative().optional(),
};
const messageSchema = z.looseObject({
  chat: chatSchema,
  from: userSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(z.looseObject({ ...fileFields, width: z.number(), height: z.number() })).optional(),
  document: z
    .looseObject({ ...fileFields, file_name: z.string().optional(), mime_type: z.string().optional() })
    .optional(),
});
const buttonSchema = z.looseObject({ text: z.string(), callback_data: z.string().optional() });
const callbackSchema = z.looseObject({
  id: z.string().min(1),
  from: userSchema,
  data: z.string().optional(),
  message: z
    .looseObject({
      chat: chatSchema,
      reply_markup: z.looseObject({ inline_keyboard: z.array(z.array(buttonSchema)) }).optional(),
    })
    .optional(),
});

/** What every webhook body must be: an object with a non-negative integer update_id. */
export const updateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });

/** A translated update: its dedupe key, the turn to run (none when ignored), a button press to answer. */
export interface TranslatedUpdate {
  readonly key: string;
  readonly turn: PendingTurn | null;
  readonly callbackQueryId?: string;
}

export interface TranslateContext {
  readonly now: number;
  /** Whether a Telegram user id belongs to a one-stop officer listed in the configuration. */
  readonly isStaff: (userId: string) => boolean;
}

type Message = z.infer<typeof messageSchema>;

function turnFor(chatId: number, userId: number | undefined, text: string, ctx: TranslateContext) {
  return {
    conversationId: `telegram:${chatId}`,
    channel: "telegram" as const,
    text: text.normalize("NFC").slice(0, MAX_TEXT_CHARS),
    receivedAt: ctx.now,
    ...(userId !== undefined && ctx.isStaff(String(userId)) ? { fromStaff: true } : {}),
  };
}

/** The largest photo size, or the document, as a handle to download when the turn runs. */
function attachmentOf(m: Message): AttachmentRef | undefined {
  const photo = m.photo?.reduce((a, b) => (b.width * b.height >= a.width * a.height ? b : a));
  if (photo) return { ref: photo.file_id, mime: "image/jpeg", ...sizeOf(photo.file_size) };
  const doc = m.document;
  if (!doc) return undefined;
  return {
    ref: doc.file_id,
    ...(doc.mime_type ? { mime: doc.mime_type } : {}),
    ...(doc.file_name ? { name: doc.file_name } : {}),
    ...sizeOf(doc.file_size),
  };
}

const sizeOf = (size: number | undefined) => (size !== undefined ? { size } : {});

function fromMessage(m: Message, ctx: TranslateContext): PendingTurn | null {
  if (m.chat.type !== "private" || m.from?.is_bot) return null;
  const attachment = attachmentOf(m);
  const text = m.text !== undefined ? commandText(m.text) : (m.caption ?? "");
  return { message: turnFor(m.chat.id, m.from?.id, text, ctx), ...(attachment ? { attachment } : {}) };
}

function fromCallback(q: z.infer<typeof callbackSchema>, ctx: TranslateContext): PendingTurn | null {
  const chat = q.message?.chat ?? { id: q.from.id, type: "private" };
  if (chat.type !== "private" || q.from.is_bot || !q.data) return null;
  const pressed = readCallbackData(q.data);
  if ("typed" in pressed) return { message: turnFor(chat.id, q.from.id, pressed.typed, ctx) };
  // Like the web page: the button's label as text too (read if the option is no longer on offer).
  const label = pressedLabel(q.message?.reply_markup?.inline_keyboard ?? [], q.data) ?? "";
  return { message: { ...turnFor(chat.id, q.from.id, label, ctx), optionId: pressed.optionId } };
}

/**
 * Translates an update that passed `updateSchema`. Edited messages, channel posts, group chats,
 * bots and unknown update kinds give no turn (they are acknowledged and dropped).
 */
export function translateUpdate(
  update: z.infer<typeof updateSchema>,
  ctx: TranslateContext,
): TranslatedUpdate {
  const key = `telegram:update:${update.update_id}`;
  const message = messageSchema.safeParse(update["message"]);
  if (message.success) return { key, turn: fromMessage(message.data, ctx) };
  const callback = callbackSchema.safeParse(update["callback_query"]);
  if (callback.success) {
    return { key, turn: fromCallback(callback.data, ctx), callbackQueryId: callback.data.id };
  }
  return { key, turn: null };
}
