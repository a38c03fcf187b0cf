// Public face of the Zalo channel (Zalo Bot Platform over axios): its sender for the dispatcher, the
// webhook route (webhook mode) or the getUpdates loop (polling mode). It only translates.
import type { Hono } from "hono";
import type { EventLog, SeenLog } from "../../core/ports.js";
import type { InboundRunner, PushSender } from "../common/index.js";
import { createZaloClient, type ZaloClient } from "./client.js";
import { downloadPhoto } from "./download.js";
import { createZaloPoller } from "./polling.js";
import { createZaloSender } from "./sender.js";
import { translateUpdate } from "./update.js";
import { zaloWebhookRoute } from "./webhook.js";

export { createZaloClient, type ZaloClient, type ZaloClientOptions } from "./client.js";
export { downloadPhoto, type DownloadOptions } from "./download.js";
export { createZaloSender, zaloText, ZALO_MAX_CHARS, type ZaloSenderDeps } from "./sender.js";
export { translateUpdate, unwrap, type ZaloUpdate, type TranslateOptions } from "./update.js";
export { ZALO_WEBHOOK_PATH } from "./webhook.js";

export interface ZaloChannelDeps {
  readonly mode: "webhook" | "polling";
  readonly token: string;
  readonly apiRoot: string;
  /** Expected X-Bot-Api-Secret-Token (required in webhook mode). */
  readonly webhookSecret: string | null;
  readonly publicBaseUrl: string | null;
  readonly seen: SeenLog;
  readonly log: EventLog;
  /** The automated-assistant notice shown once per conversation, in both languages. */
  readonly notice: { readonly vi: string; readonly en: string };
  readonly noticeTtlSeconds: number;
  /** Whether a Zalo user id belongs to a one-stop officer (sets `fromStaff`). */
  readonly isStaff?: (userId: string) => boolean;
  readonly now?: () => number;
  /** Long-poll time (default 30 s); tests shorten it. */
  readonly pollSeconds?: number;
}

/** The Zalo channel as the app's PushChannel (structurally). */
export interface ZaloChannel {
  readonly sender: PushSender;
  routes(inbound: InboundRunner): Hono | null;
  start(inbound: InboundRunner): Promise<void>;
  stop(): Promise<void>;
}

/** Creates the Zalo channel; nothing is called on Zalo until a reply is sent or polling starts. */
export function createZaloChannel(deps: ZaloChannelDeps): ZaloChannel {
  const client: ZaloClient = createZaloClient({ apiRoot: deps.apiRoot, token: deps.token });
  const now = deps.now ?? Date.now;
  const isStaff = deps.isStaff ?? (() => false);
  const translate = (body: unknown) => translateUpdate(body, { now: now(), isStaff });
  const sender = createZaloSender({
    client,
    seen: deps.seen,
    notice: deps.notice,
    noticeTtlSeconds: deps.noticeTtlSeconds,
    publicBaseUrl: deps.publicBaseUrl,
    download: (ref) => downloadPhoto(ref),
  });
  const poller = createZaloPoller({
    client,
    translate,
    log: deps.log,
    ...(deps.pollSeconds ? { pollSeconds: deps.pollSeconds } : {}),
  });
  return {
    sender,
    routes(inbound) {
      if (deps.mode !== "webhook" || !deps.webhookSecret) return null;
      return zaloWebhookRoute({ secret: deps.webhookSecret, inbound, translate, log: deps.log });
    },
    start: (inbound) => (deps.mode === "polling" ? poller.start(inbound) : Promise.resolve()),
    async stop() {
      await poller.stop();
      client.close();
    },
  };
}
