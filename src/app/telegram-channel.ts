// Composition of the Telegram channel: from the TELEGRAM_* settings, PUBLIC_BASE_URL and the reply
// templates (the note for links we cannot send) to a running PushChannel; null without a token.
import { createTelegramChannel } from "../channels/telegram/index.js";
import type { AppConfig } from "../config/index.js";
import type { EventLog } from "../core/ports.js";
import { fill } from "../core/replies/index.js";
import type { PushChannel } from "./channels.js";
import { loadTemplates } from "./templates.js";

/** Shown instead of a link to our own files when PUBLIC_BASE_URL is not set. */
const UNAVAILABLE_KEY = "channel.link-unavailable";

/** The Telegram channel the configuration asks for, or null when TELEGRAM_BOT_TOKEN is not set. */
export function telegramChannel(
  config: AppConfig,
  deps: { readonly log: EventLog; readonly isStaff?: (userId: string) => boolean },
): PushChannel | null {
  const telegram = config.telegram;
  if (!telegram) return null;
  const templates = loadTemplates();
  const staff = new Set(telegram.staffIds);
  return createTelegramChannel({
    config: telegram,
    publicBaseUrl: config.publicBaseUrl,
    unavailable: (label) => fill(templates, "vi", UNAVAILABLE_KEY, { label }),
    isStaff: deps.isStaff ?? ((userId) => staff.has(userId)),
    log: deps.log,
  });
}
