// Composition of the Zalo channel: from the ZALO_* settings, the stores' seen-log and the reply
// templates (the automated-assistant notice) and STAFF_ZALO_IDS to a PushChannel; null without a token.
import { createZaloChannel } from "../channels/zalo/index.js";
import { isStaffSender, type AppConfig } from "../config/index.js";
import type { EventLog, SeenLog } from "../core/ports.js";
import { fill, type TemplateSet } from "../core/replies/index.js";
import type { PushChannel } from "./channels.js";

/** The notice reuses the greeting's disclaimer: automated assistant, guidance only, ask an officer. */
const NOTICE_KEY = "greeting.disclaimer";

/** The Zalo channel the configuration asks for, or null when ZALO_BOT_TOKEN is not set. */
export function zaloChannel(
  config: AppConfig,
  deps: { readonly seen: SeenLog; readonly log: EventLog; readonly templates: TemplateSet },
): PushChannel | null {
  const zalo = config.zalo;
  if (!zalo) return null;
  const { templates } = deps;
  return createZaloChannel({
    mode: zalo.mode,
    token: zalo.token,
    apiRoot: zalo.apiRoot,
    webhookSecret: zalo.webhookSecret,
    publicBaseUrl: config.publicBaseUrl,
    seen: deps.seen,
    log: deps.log,
    notice: { vi: fill(templates, "vi", NOTICE_KEY), en: fill(templates, "en", NOTICE_KEY) },
    noticeTtlSeconds: config.conversationTtlSeconds,
    isStaff: (userId) => isStaffSender(config, "zalo", userId),
  });
}
