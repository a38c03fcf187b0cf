// Telegram bot commands as the words a citizen would type, so the core (knowledge/intents.yaml)
// understands them: /start greets like the web page's first message, /xoadulieu asks to erase, etc.

/** The commands the bot answers, with the text the core receives (register them with BotFather). */
export const COMMANDS: ReadonlyMap<string, string> = new Map([
  ["start", "xin chào"],
  ["help", "trợ giúp"],
  ["menu", "menu"],
  ["xoadulieu", "xóa dữ liệu của tôi"],
  ["batdaulai", "bắt đầu lại"],
  ["gapcanbo", "gặp cán bộ"],
  ["quyenriengtu", "quyền riêng tư"],
]);

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]{1,64})?(?=\s|$)/;

/**
 * The text the core should receive for a message: a known command becomes its words (a /start
 * payload is dropped); another command loses only its "@botname" (the core may know it, e.g. /chiase).
 */
export function commandText(text: string): string {
  const match = COMMAND.exec(text);
  if (!match?.[1]) return text;
  const known = COMMANDS.get(match[1].toLowerCase());
  if (known !== undefined) return known;
  return `/${match[1]}${text.slice(match[0].length)}`;
}
