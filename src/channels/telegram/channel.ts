// The Telegram channel assembled from its parts: a grammY Bot pointed at the configured API root,
// the sender, the webhook route (webhook mode) or the polling loop (polling mode). Translation only.
import type { Hono } from "hono";
import { Bot } from "grammy";
import type { TelegramConfig } from "../../config/index.js";
import type { EventLog } from "../../core/ports.js";
import type { InboundRunner, PushSender } from "../common/index.js";
import { createPolling } from "./polling.js";
import { createReceiver } from "./receive.js";
import { createTelegramSender } from "./sender.js";
import { telegramWebhook } from "./webhook.js";

export interface TelegramChannelDeps {
  readonly config: TelegramConfig;
  /** Public address of our server, for absolute links to /files/…; null = such links become a note. */
  readonly publicBaseUrl: string | null;
  /** The note shown instead of a link or file we have no public address for. */
  readonly unavailable: (label: string) => string;
  /** Whether a Telegram user id is a one-stop officer's (their messages arrive with fromStaff). */
  readonly isStaff: (userId: string) => boolean;
  readonly log: EventLog;
  readonly now?: () => number;
  /** Polling tuning (tests use short values). */
  readonly polling?: { readonly startWaitMs?: number; readonly pollSeconds?: number };
}

/** The channel as the app runs it (the PushChannel shape of src/app/channels.ts). */
export interface TelegramChannel {
  readonly sender: PushSender;
  routes(inbound: InboundRunner): Hono | null;
  start(inbound: InboundRunner): Promise<void>;
  stop(): Promise<void>;
}

/** Creates the channel; nothing is called on Telegram until start() (polling) or the first send. */
export function createTelegramChannel(deps: TelegramChannelDeps): TelegramChannel {
  const { config, log } = deps;
  const pollSeconds = deps.polling?.pollSeconds ?? 30;
  // Every call's time limit must outlast a long poll; sends are far quicker.
  const bot = new Bot(config.token, {
    client: { apiRoot: config.apiRoot, timeoutSeconds: pollSeconds + 30 },
  });
  const sender = createTelegramSender({
    api: bot.api,
    apiRoot: config.apiRoot,
    token: config.token,
    publicBaseUrl: deps.publicBaseUrl,
    unavailable: deps.unavailable,
  });
  const receive = createReceiver({ api: bot.api, log, now: deps.now ?? Date.now, isStaff: deps.isStaff });
  const polling = createPolling({ bot, receive, log, ...deps.polling, pollSeconds });
  return {
    sender,
    routes(inbound) {
      if (config.mode !== "webhook" || !config.webhookSecret) return null;
      return telegramWebhook({ secret: config.webhookSecret, receive, inbound, log });
    },
    async start(inbound) {
      if (config.mode === "polling") await polling.start(inbound);
    },
    stop: () => polling.stop(),
  };
}
