// The Zalo Bot Platform settings (ZALO_*): the bot token, webhook or polling mode, the webhook secret
// and the API root. Parsed here; loadConfig turns a cross-field problem into a ConfigError by name.
import { z } from "zod";
import { optionalString } from "./fields.js";

/** Default Zalo Bot API host; tests point ZALO_API_ROOT at a local emulation. */
const ZALO_DEFAULT_API_ROOT = "https://bot-api.zaloplatforms.com";

/** The ZALO_* variables, spread into the environment schema. */
export const zaloEnvShape = {
  // The token goes into the URL path (/bot<TOKEN>/method): no spaces, slashes, "?" or "#".
  ZALO_BOT_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(/^[^\s/?#]{8,256}$/, "token Zalo Bot không hợp lệ / not a Zalo bot token")
      .optional(),
  ),
  ZALO_MODE: optionalString.pipe(z.enum(["webhook", "polling"]).optional()),
  ZALO_WEBHOOK_SECRET: optionalString.pipe(z.string().min(8).max(256).optional()),
  ZALO_API_ROOT: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  // Per process: with N instances, give each 15/N. Only raised against a local emulation (benchmarks).
  ZALO_SEND_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(15),
} as const;

/** The Zalo channel's settings, present only when ZALO_BOT_TOKEN is set. */
export interface ZaloConfig {
  /** Secret: it is part of every API URL, so URLs are never logged. */
  readonly token: string;
  /** "webhook" (POST /zalo/webhook, production) or "polling" (getUpdates, development). */
  readonly mode: "webhook" | "polling";
  /** Expected X-Bot-Api-Secret-Token of webhook calls (8–256 chars); null in polling mode. */
  readonly webhookSecret: string | null;
  /** API root without a trailing slash, e.g. https://bot-api.zaloplatforms.com. */
  readonly apiRoot: string;
  /** Messages per second this process sends (ZALO_SEND_PER_SECOND; Zalo publishes no limit, 15/s is cautious). */
  readonly sendPerSecond: number;
}

type ZaloEnv = {
  readonly ZALO_BOT_TOKEN?: string | undefined;
  readonly ZALO_MODE?: "webhook" | "polling" | undefined;
  readonly ZALO_WEBHOOK_SECRET?: string | undefined;
  readonly ZALO_API_ROOT?: string | undefined;
  readonly ZALO_SEND_PER_SECOND: number;
};

/**
 * The Zalo settings from the parsed environment: null without a token; a string naming the problem
 * when webhook mode lacks its secret. Mode defaults to webhook when a secret is set, else polling.
 */
export function zaloConfig(e: ZaloEnv): ZaloConfig | null | string {
  if (!e.ZALO_BOT_TOKEN) return null;
  const mode = e.ZALO_MODE ?? (e.ZALO_WEBHOOK_SECRET ? "webhook" : "polling");
  if (mode === "webhook" && !e.ZALO_WEBHOOK_SECRET) {
    return "ZALO_WEBHOOK_SECRET (8–256 ký tự) là bắt buộc khi ZALO_MODE=webhook / is required when ZALO_MODE=webhook";
  }
  return {
    token: e.ZALO_BOT_TOKEN,
    mode,
    webhookSecret: mode === "webhook" ? (e.ZALO_WEBHOOK_SECRET ?? null) : null,
    apiRoot: (e.ZALO_API_ROOT ?? ZALO_DEFAULT_API_ROOT).replace(/\/+$/, ""),
    sendPerSecond: e.ZALO_SEND_PER_SECOND,
  };
}
