// Composition of the Telegram channel: from the TELEGRAM_* settings, PUBLIC_BASE_URL, the reply
// templates (the note for links we cannot send) and STAFF_TELEGRAM_IDS to a PushChannel; null without a token.
import { createTelegramChannel } from "../channels/telegram/index.js";
import { isStaffSender, type AppConfig } from "../config/index.js";
import type { EventLog } from "../core/ports.js";
import { fill, type TemplateSet } from "../core/replies/index.js";
import type { PushChannel } from "./channels.js";

/** Shown instead of a link to our own files when PUBLIC_BASE_URL is not set. */
const UNAVAILABLE_KEY = "channel.link-unavailable";

/** The Telegram channel the configuration asks for, or null when TELEGRAM_BOT_TOKEN is not set. */
export function telegramChannel(
  config: AppConfig,
  deps: { readonly log: EventLog; readonly templates: TemplateSet },
): PushChannel | null {
  const telegram = config.telegram;
  if (!telegram) return null;
  return createTelegramChannel({
    config: telegram,
    publicBaseUrl: config.publicBaseUrl,
    unavailable: (label) => fill(deps.templates, "vi", UNAVAILABLE_KEY, { label }),
    isStaff: (userId) => isStaffSender(config, "telegram", userId),
    log: deps.log,
  });
}
