// Reply options ⇄ Telegram inline keyboard buttons. An option id rides in callback_data (Telegram
// allows 1–64 bytes); a longer id is sent as its position ("#2"), which reads back as typing "2".

/** Telegram's limit on callback_data, in UTF-8 bytes. */
export const MAX_CALLBACK_BYTES = 64;
/** Marks a button carrying the option's position instead of its id. */
const BY_POSITION = "#";

/** What a pressed button means for the core: an option id, or the number of the option as typed. */
export type PressedButton = { readonly optionId: string } | { readonly typed: string };

/** callback_data of the option at `index`: its id when it fits, else its 1-based position. */
export function callbackData(optionId: string, index: number): string {
  const fits = optionId.length > 0 && Buffer.byteLength(optionId, "utf8") <= MAX_CALLBACK_BYTES;
  return fits && !optionId.startsWith(BY_POSITION) ? optionId : `${BY_POSITION}${index + 1}`;
}

/** Reads callback_data back; a position ("#3") becomes the text "3" that picks the third option. */
export function readCallbackData(data: string): PressedButton {
  const position = /^#(\d{1,3})$/.exec(data);
  return position?.[1] ? { typed: position[1] } : { optionId: data };
}

/** One inline keyboard button as Telegram describes it (only the fields we use). */
export type InlineButton = { readonly text: string; readonly callback_data: string } | UrlButton;
type UrlButton = { readonly text: string; readonly url: string };

/** An inline keyboard: one option per row (labels stay readable on phones), then the link buttons. */
export function inlineKeyboard(
  options: readonly { readonly id: string; readonly label: string }[],
  links: readonly { readonly url: string; readonly label: string }[],
): { inline_keyboard: InlineButton[][] } | undefined {
  const rows: InlineButton[][] = [
    ...options.map((o, i) => [{ text: o.label, callback_data: callbackData(o.id, i) }]),
    ...links.map((l) => [{ text: l.label, url: l.url }]),
  ];
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

/** The label of the button carrying `data` in a message's keyboard (what the user saw and pressed). */
export function pressedLabel(
  keyboard: readonly (readonly { readonly text: string; readonly callback_data?: string | undefined }[])[],
  data: string,
): string | undefined {
  return keyboard.flat().find((b) => b.callback_data === data)?.text;
}
