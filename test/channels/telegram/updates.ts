// Telegram updates as the Bot API sends them (private chats), for the channel's tests, and the small
// helpers the tests share: waiting for the emulation to see a call, the texts a chat received.
import type { TelegramEmulator } from "../../helpers/telegram-emulator.js";

let nextId = 1000;
const user = (id: number) => ({ id, is_bot: false, first_name: "Lan", language_code: "vi" });
const chat = (id: number) => ({ id, type: "private", first_name: "Lan" });
const date = () => Math.floor(Date.now() / 1000);

type Update = Record<string, unknown> & { update_id: number };
/** A message update, its parts open for tests to change. */
type MessageUpdate = Update & { message: Record<string, unknown> & { chat: Record<string, unknown> } };

/** A text message (commands included) from user `chatId` in their private chat. */
export function textUpdate(chatId: number, text: string, updateId = ++nextId): MessageUpdate {
  const entities = text.startsWith("/")
    ? [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }]
    : [];
  return {
    update_id: updateId,
    message: { message_id: updateId, date: date(), chat: chat(chatId), from: user(chatId), text, entities },
  };
}

/** A button press on a message the bot sent (its keyboard included, as Telegram does). */
export function callbackUpdate(chatId: number, data: string, keyboard: unknown = undefined): Update {
  const id = ++nextId;
  return {
    update_id: id,
    callback_query: {
      id: `cb-${id}`,
      from: user(chatId),
      chat_instance: "ci-1",
      data,
      message: {
        message_id: 5,
        date: date(),
        chat: chat(chatId),
        from: { id: 777, is_bot: true, first_name: "Một cửa" },
        text: "…",
        ...(keyboard ? { reply_markup: keyboard } : {}),
      },
    },
  };
}

/** A photo (Telegram sends several sizes; the last is the largest). */
export function photoUpdate(chatId: number, fileId: string, size: number, caption?: string): MessageUpdate {
  const id = ++nextId;
  const sizes = [
    { file_id: "thumb-id", file_unique_id: "t1", width: 90, height: 120, file_size: 1200 },
    { file_id: fileId, file_unique_id: "p1", width: 960, height: 1280, file_size: size },
  ];
  return {
    update_id: id,
    message: {
      message_id: id,
      date: date(),
      chat: chat(chatId),
      from: user(chatId),
      photo: sizes,
      ...(caption ? { caption } : {}),
    },
  };
}

/** Waits until `check` holds (the queue runs turns in the background); fails after `ms`. */
export async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The texts sendMessage delivered to a chat (calls answered ok), in order. */
export function textsTo(emu: TelegramEmulator, chatId: number): string[] {
  return emu
    .callsOf("sendMessage")
    .filter((c) => c.ok && String(c.payload["chat_id"]) === String(chatId))
    .map((c) => String(c.payload["text"]));
}

/** The inline keyboard of the last message sent to a chat. */
export function lastKeyboard(
  emu: TelegramEmulator,
  chatId: number,
): Array<Array<Record<string, string>>> | undefined {
  const sent = emu
    .callsOf("sendMessage")
    .filter((c) => c.ok && String(c.payload["chat_id"]) === String(chatId));
  const markup = sent.at(-1)?.payload["reply_markup"] as
    { inline_keyboard?: Array<Array<Record<string, string>>> } | undefined;
  return markup?.inline_keyboard;
}
