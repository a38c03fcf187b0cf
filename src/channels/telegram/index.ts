// Public face of the Telegram channel (grammY): the channel factory for the composition root, plus
// the pieces tests and tools may use (commands, update translation, keyboard encoding).
export { createTelegramChannel, type TelegramChannel, type TelegramChannelDeps } from "./channel.js";
export { COMMANDS, commandText } from "./commands.js";
export { callbackData, readCallbackData, MAX_CALLBACK_BYTES } from "./keyboard.js";
export { MAX_MESSAGE_CHARS } from "./render.js";
export { translateUpdate, updateSchema } from "./update.js";
export { WEBHOOK_PATH } from "./webhook.js";
