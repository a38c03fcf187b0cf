// The Telegram channel's settings (TELEGRAM_*): which mode runs (webhook or long polling), the webhook
// secret Telegram echoes in a header, and the Bot API address. Checked here so a bad value fails at start.
import { z } from "zod";
import { optionalString } from "./fields.js";
import { idListSchema } from "./staff-ids.js";

/** Settings of the Telegram channel; absent (null in AppConfig) without TELEGRAM_BOT_TOKEN. */
export interface TelegramConfig {
  readonly token: string;
  /** "webhook": Telegram posts updates to /telegram/webhook; "polling": we call getUpdates (development). */
  readonly mode: "webhook" | "polling";
  /** Expected X-Telegram-Bot-Api-Secret-Token of webhook calls; null in polling mode. */
  readonly webhookSecret: string | null;
  /** Bot API address without a trailing slash (default https://api.telegram.org). */
  readonly apiRoot: string;
  /** Telegram user ids of one-stop officers (STAFF_TELEGRAM_IDS); their messages arrive marked fromStaff. */
  readonly staffIds: readonly string[];
  /** Messages per second this process sends (TELEGRAM_SEND_PER_SECOND; Telegram allows ~30/s per bot). */
  readonly sendPerSecond: number;
}

/** Default Bot API address; tests point TELEGRAM_API_ROOT at a local emulation. */
const TELEGRAM_DEFAULT_API_ROOT = "https://api.telegram.org";

/** The TELEGRAM_* variables, spread into the environment schema. */
export const telegramEnvShape = {
  // BotFather's tokens are "<bot id>:<secret>"; the token goes into every API URL, so it is never logged.
  TELEGRAM_BOT_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(
        /^\d{1,20}:[A-Za-z0-9_-]{1,200}$/,
        "phải có dạng <số>:<mã> do BotFather cấp / not a BotFather token",
      )
      .optional(),
  ),
  TELEGRAM_MODE: optionalString.pipe(z.enum(["webhook", "polling"]).optional()),
  TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{1,256}$/,
        "phải gồm 1–256 ký tự A-Z a-z 0-9 _ - / 1–256 chars of A-Z a-z 0-9 _ -",
      )
      .optional(),
  ),
  TELEGRAM_API_ROOT: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  // Per process: with N instances, give each 25/N. Only raised against a local emulation (benchmarks).
  TELEGRAM_SEND_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(25),
  STAFF_TELEGRAM_IDS: idListSchema(
    /^\d{1,20}$/,
    "mỗi mục phải là một mã số người dùng Telegram / each entry must be a numeric Telegram user id",
  ),
} as const;

type TelegramEnv = {
  readonly TELEGRAM_BOT_TOKEN?: string | undefined;
  readonly TELEGRAM_MODE?: "webhook" | "polling" | undefined;
  readonly TELEGRAM_WEBHOOK_SECRET?: string | undefined;
  readonly TELEGRAM_API_ROOT?: string | undefined;
  readonly TELEGRAM_SEND_PER_SECOND: number;
  readonly STAFF_TELEGRAM_IDS: readonly string[];
};

/**
 * The Telegram settings from the parsed environment: null without a token; a string naming the
 * problem when webhook mode lacks its secret. Mode defaults to webhook when a secret is set, else polling.
 */
export function telegramConfig(e: TelegramEnv): TelegramConfig | null | string {
  if (!e.TELEGRAM_BOT_TOKEN) return null;
  const mode = e.TELEGRAM_MODE ?? (e.TELEGRAM_WEBHOOK_SECRET ? "webhook" : "polling");
  if (mode === "webhook" && !e.TELEGRAM_WEBHOOK_SECRET) {
    return "TELEGRAM_WEBHOOK_SECRET (1–256 ký tự A-Z a-z 0-9 _ -) là bắt buộc khi TELEGRAM_MODE=webhook / is required when TELEGRAM_MODE=webhook";
  }
  return {
    token: e.TELEGRAM_BOT_TOKEN,
    mode,
    webhookSecret: mode === "webhook" ? (e.TELEGRAM_WEBHOOK_SECRET ?? null) : null,
    apiRoot: (e.TELEGRAM_API_ROOT ?? TELEGRAM_DEFAULT_API_ROOT).replace(/\/+$/, ""),
    staffIds: [...new Set(e.STAFF_TELEGRAM_IDS)],
    sendPerSecond: e.TELEGRAM_SEND_PER_SECOND,
  };
}
