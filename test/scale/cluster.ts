// Two real app processes sharing one Redis (a fresh key prefix per run), the emulated Telegram and
// Zalo Bot APIs in webhook mode, and one sandbox portal process whose callbacks go to instance A only.
import { randomUUID } from "node:crypto";
import type { Stores } from "../../src/core/ports.js";
import { createRedisStores } from "../../src/storage/index.js";
import { startTelegramEmulator, type TelegramEmulator } from "../helpers/telegram-emulator.js";
import { startZaloEmulator, type ZaloEmulator } from "../helpers/zalo-emulator.js";
import { REDIS_TEST_URL, dropRedisKeys } from "../helpers/stores.js";
import { tempDir } from "../helpers/tmp.js";
import {
  CALLBACK_SECRET,
  STAFF_TOKEN,
  startSandbox,
  type RunningSandbox,
} from "../portal/sandbox/harness.js";
import { freePort } from "../helpers/net.js";
import { startInstance, type Instance } from "./instance.js";

export const TELEGRAM_SECRET = "scale-telegram-secret";
export const ZALO_SECRET = "scale-zalo-secret";
export { CALLBACK_SECRET, STAFF_TOKEN };

export interface Cluster {
  readonly a: Instance;
  readonly b: Instance;
  readonly telegram: TelegramEmulator;
  readonly zalo: ZaloEmulator;
  readonly sandbox: RunningSandbox;
  readonly portalUrl: string;
  readonly portalDataDir: string;
  /** The same Redis stores the instances use (same prefix), for checking what they stored. */
  readonly stores: Stores;
  close(): Promise<void>;
}

/** Starts the whole set-up; `close` stops everything and removes the run's keys. */
export async function startCluster(): Promise<Cluster> {
  const prefix = `motcua-test-scale-${randomUUID()}:`;
  const [telegram, zalo, portalPort, portA] = await Promise.all([
    startTelegramEmulator(),
    startZaloEmulator(),
    freePort(),
    freePort(),
  ]);
  const portalDataDir = tempDir("motcua-scale-portal-");
  const sandbox = await startSandbox({
    PORTAL_PORT: String(portalPort),
    PORTAL_DATA_DIR: portalDataDir,
    PORTAL_STAFF_TOKEN: STAFF_TOKEN,
    // One callback URL for the whole deployment (here instance A; behind a proxy, the proxy).
    PORTAL_CALLBACK_URL: `http://127.0.0.1:${portA}/portal/callback`,
    PORTAL_CALLBACK_SECRET: CALLBACK_SECRET,
    PORTAL_CALLBACK_RETRY_MS: "200",
    PORTAL_CALLBACK_RETRY_MAX_MS: "1000",
  });
  const env = {
    REDIS_URL: REDIS_TEST_URL,
    REDIS_KEY_PREFIX: prefix,
    PORTAL_URL: sandbox.url,
    PORTAL_CALLBACK_SECRET: CALLBACK_SECRET,
    FILES_SECRET: "files-secret-shared-by-every-instance-0123",
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_MODE: "webhook",
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    TELEGRAM_API_ROOT: telegram.url,
    ZALO_BOT_TOKEN: zalo.token,
    ZALO_MODE: "webhook",
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    ZALO_API_ROOT: zalo.url,
  };
  const [a, b] = await Promise.all([
    startInstance({ ...env, DATA_DIR: tempDir("motcua-scale-a-") }, portA),
    startInstance({ ...env, DATA_DIR: tempDir("motcua-scale-b-") }),
  ]);
  const stores = await createRedisStores({ url: REDIS_TEST_URL, keyPrefix: prefix, ttlSeconds: 3600 });
  return {
    a,
    b,
    telegram,
    zalo,
    sandbox,
    portalUrl: sandbox.url,
    portalDataDir,
    stores,
    async close() {
      await Promise.allSettled([a.stop(), b.stop(), sandbox.stop("SIGKILL")]);
      await stores.close();
      await Promise.allSettled([telegram.close(), zalo.close()]);
      await dropRedisKeys(prefix); // the run's conversations and BullMQ queues
    },
  };
}

/** POSTs a Telegram update to an instance's webhook; returns the HTTP status. */
export async function postTelegram(base: string, update: unknown): Promise<number> {
  const res = await fetch(`${base}/telegram/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET },
    body: JSON.stringify(update),
  });
  await res.body?.cancel();
  return res.status;
}

/** POSTs a Zalo update to an instance's webhook; returns the status and the answer's `status`. */
export async function postZalo(base: string, update: unknown): Promise<{ http: number; status: string }> {
  const res = await fetch(`${base}/zalo/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-bot-api-secret-token": ZALO_SECRET },
    body: JSON.stringify(update),
  });
  const body = (await res.json()) as { status?: string };
  return { http: res.status, status: body.status ?? "" };
}
