// Push channels (Telegram, Zalo) for the composition root: which ones run (from config), their
// senders for the dispatcher, and, once the assistant exists, their webhook routes and polling loops.
import type { Hono } from "hono";
import {
  createInboundRunner,
  createPushDispatcher,
  createTurnOrder,
  type InboundDeps,
  type InboundRunner,
  type PushChannelName,
  type PushDispatcher,
  type PushSender,
  type RateLimitOptions,
} from "../channels/common/index.js";
import type { AppConfig } from "../config/index.js";
import type { InboundMessage, Reply } from "../core/messages.js";
import type { EventLog, Stores } from "../core/ports.js";
import type { TemplateSet } from "../core/replies/index.js";
import type { JobQueue } from "../jobs/index.js";
import { telegramChannel } from "./telegram-channel.js";
import { zaloChannel } from "./zalo-channel.js";

/** One running push channel, as the app sees it. */
export interface PushChannel {
  readonly sender: PushSender;
  /** Webhook routes to mount on the HTTP app (webhook mode). */
  routes(inbound: InboundRunner): Hono | null;
  /** Starts long polling (development mode); resolves once started. */
  start(inbound: InboundRunner): Promise<void>;
  /** Stops polling and in-flight platform calls. */
  stop(): Promise<void>;
}

export interface ChannelsSetUp {
  readonly channels: readonly PushChannel[];
  readonly dispatcher: PushDispatcher;
  /** Second phase, once the assistant exists: the inbound runner, routes to mount, polling started. */
  attach(handleTurn: (msg: InboundMessage) => Promise<Reply[]>): Promise<{ routes: Hono[] }>;
  stop(): Promise<void>;
}

/** The push channels the configuration turns on (none without tokens). */
function configuredChannels(
  config: AppConfig,
  deps: { readonly stores: Stores; readonly log: EventLog; readonly templates: TemplateSet },
): PushChannel[] {
  const channels: PushChannel[] = [];
  const zalo = zaloChannel(config, { seen: deps.stores.seen, log: deps.log, templates: deps.templates });
  if (zalo) channels.push(zalo);
  const telegram = telegramChannel(config, { log: deps.log, templates: deps.templates });
  if (telegram) channels.push(telegram);
  return channels;
}

/** Send rates per channel from TELEGRAM_SEND_PER_SECOND / ZALO_SEND_PER_SECOND (per process). */
function sendLimits(config: AppConfig): Partial<Record<PushChannelName, RateLimitOptions>> {
  return {
    ...(config.telegram ? { telegram: { perSecond: config.telegram.sendPerSecond, perChatGapMs: 0 } } : {}),
    ...(config.zalo ? { zalo: { perSecond: config.zalo.sendPerSecond, perChatGapMs: 0 } } : {}),
  };
}

/** Creates the channels and the dispatcher (registers the send job on the queue). */
export function setUpChannels(
  config: AppConfig,
  deps: {
    readonly queue: JobQueue;
    readonly stores: Stores;
    readonly log: EventLog;
    /** The reply templates loaded at start-up (channel notices). */
    readonly templates: TemplateSet;
    /** Per-chat rate limit of incoming turns, and the notice sent once to a chat over it. */
    readonly limit?: Pick<InboundDeps, "admit" | "limitedReplies">;
    /** Metrics observers of sends and accepted updates (src/metrics). */
    readonly observe?: {
      sender(sender: PushSender): PushSender;
      inbound(runner: InboundRunner): InboundRunner;
    };
  },
): ChannelsSetUp {
  const channels = configuredChannels(config, deps);
  const senders = channels.map((c) => deps.observe?.sender(c.sender) ?? c.sender);
  const dispatcher = createPushDispatcher({
    queue: deps.queue,
    seen: deps.stores.seen,
    locks: deps.stores.locks,
    mailbox: deps.stores.mailbox,
    senders,
    log: deps.log,
    limits: sendLimits(config),
  });
  return {
    channels,
    dispatcher,
    async attach(handleTurn) {
      const inbound = createInboundRunner({
        queue: deps.queue,
        seen: deps.stores.seen,
        senders,
        dispatcher,
        handleTurn,
        log: deps.log,
        ...deps.limit,
        // Turns of one chat run in the order accepted, whichever instance takes their jobs.
        order: createTurnOrder({ mailbox: deps.stores.mailbox, locks: deps.stores.locks, log: deps.log }),
      });
      const observed = deps.observe?.inbound(inbound) ?? inbound;
      const routes = channels.map((c) => c.routes(observed)).filter((r): r is Hono => r !== null);
      for (const channel of channels) await channel.start(observed);
      return { routes };
    },
    async stop() {
      await Promise.allSettled(channels.map((c) => c.stop()));
    },
  };
}
