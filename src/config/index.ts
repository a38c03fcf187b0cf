// loadConfig(env): the only place that reads environment variables. Returns a typed, validated
// configuration or throws a ConfigError that lists every bad setting by name.
import { resolve } from "node:path";
import { z } from "zod";
import { envSchema } from "./schema.js";
import type { LogLevel } from "./fields.js";
import type { StaffAccount } from "./staff.js";
import type { ConfiguredDataKey } from "./data-keys.js";
import { staffIdSets, type StaffIds } from "./staff-ids.js";
import { zaloConfig, type ZaloConfig } from "./zalo.js";
import { telegramConfig, type TelegramConfig } from "./telegram.js";

export type { StaffAccount } from "./staff.js";
export type { ConfiguredDataKey } from "./data-keys.js";
export { isStaffSender, type StaffIds } from "./staff-ids.js";
export type { ZaloConfig } from "./zalo.js";
export type { TelegramConfig } from "./telegram.js";

/** Settings for an OpenAI-compatible server, present only when a key or base URL is configured. */
export interface OpenAIConfig {
  readonly apiKey: string | undefined;
  readonly baseURL: string | undefined;
  readonly chatModel: string;
  readonly embeddingModel: string;
  readonly timeoutMs: number;
}

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly knowledgeDir: string;
  readonly logLevel: LogLevel;
  readonly openai: OpenAIConfig | null;
  readonly embeddings: "local" | "openai" | "hybrid";
  /** Redis for shared state across instances; null = embedded SQLite under dataDir. */
  readonly redisUrl: string | null;
  /** Prefix of every Redis key (several deployments can share one Redis). */
  readonly redisKeyPrefix: string;
  /**
   * Idle conversations and everything tied to them (forms, tickets, dossier links, attachments) are
   * kept this long after their last use (seconds): RETENTION_DAYS, else CONVERSATION_TTL_DAYS.
   */
  readonly conversationTtlSeconds: number;
  /** Question-log events (masked, for staff statistics) are kept this long: RETENTION_DAYS, else 90 days. */
  readonly questionRetentionSeconds: number;
  /** Rate limits: chat turns per session/chat and per address each minute, wrong owner IDs per hour (0 = off). */
  readonly rateLimits: {
    readonly perMinute: number;
    readonly perAddressPerMinute: number;
    readonly ownerIdFailuresPerHour: number;
    /** Client address from the last X-Forwarded-For entry (only behind a trusted reverse proxy). */
    readonly trustProxy: boolean;
  };
  /** Bearer token of the staff HTTP API; null disables it. */
  readonly staffApiToken: string | null;
  /** Staff console logins (username + scrypt hash); empty with no token = console off. */
  readonly staffAccounts: readonly StaffAccount[];
  /** Always mark the staff session cookie Secure (else only for https requests). */
  readonly cookieSecure: boolean;
  /** Officers' channel user ids (STAFF_TELEGRAM_IDS, STAFF_ZALO_IDS): their messages are forwarding requests. */
  readonly staffIds: StaffIds;
  /**
   * The portal dossiers go to: "embedded" = the sandbox portal started in-process (default),
   * "remote" = PORTAL_URL, "off" = none (forms stay stored, citizens are told to submit in person).
   */
  readonly portal: {
    readonly mode: "embedded" | "remote" | "off";
    readonly url: string | null;
    readonly apiKey: string;
    readonly agencyCode: string;
    /** Staff token of the embedded sandbox's staff endpoints (null: they answer 401). */
    readonly staffToken: string | null;
    /**
     * HMAC secret of the portal's status callbacks to /portal/callback. Embedded sandbox: a random
     * one is made at start when unset. Remote portal: unset = callbacks refused (404).
     */
    readonly callbackSecret: string | null;
    /** Remote portal without a callback secret: how often linked dossiers are polled for changes. */
    readonly pollSeconds: number;
  };
  /**
   * Key signing the receipt links (/files/receipts/…); null = a random key made at start-up, so links
   * stop working after a restart. Several instances behind one address need the same FILES_SECRET.
   */
  readonly filesSecret: string | null;
  /** Receipt links stay valid this many days. */
  readonly filesLinkDays: number;
  /** Whether the chat model is used for understanding and wording (needs openai). */
  readonly llm: boolean;
  /**
   * AES-256 key (32 bytes) sealing photos attached to dossiers; null = on SQLite a key file
   * <dataDir>/attachments.key is made once, with Redis attaching is off (instances must share a key).
   */
  readonly attachmentsKey: Uint8Array | null;
  /**
   * DATA_KEYS: keys sealing personal data at rest (first = current, the others open older records);
   * empty = ATTACHMENTS_KEY, else on SQLite the key file, else (Redis) plaintext with a warning.
   */
  readonly dataKeys: readonly ConfiguredDataKey[];
  /** The Zalo Bot channel; null when ZALO_BOT_TOKEN is not set. */
  readonly zalo: ZaloConfig | null;
  /** The Telegram bot channel; null when TELEGRAM_BOT_TOKEN is not set. */
  readonly telegram: TelegramConfig | null;
  /**
   * Public address of this server (no trailing slash), for absolute links to our files in push
   * channels (receipts sent to Zalo); null = such links are left out (the text says everything).
   */
  readonly publicBaseUrl: string | null;
  /** Bearer token /metrics requires (METRICS_TOKEN); null = /metrics is open. */
  readonly metricsToken: string | null;
  /** Graceful shutdown's hard limit (SHUTDOWN_TIMEOUT_MS): the process exits after it regardless. */
  readonly shutdownTimeoutMs: number;
  /**
   * SHUTDOWN_DRAIN_MS: after the signal, how long everything is still served with /readyz at 503 (so a
   * reverse proxy stops sending traffic) before the port closes; 0 = close at once. Always shorter
   * than shutdownTimeoutMs, which it counts against.
   */
  readonly shutdownDrainMs: number;
}

/** Question-log retention when RETENTION_DAYS is not set (staff statistics look back 90 days). */
const QUESTION_LOG_DEFAULT_DAYS = 90;

/** A setting is malformed; the message names each variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Parses and validates the environment (defaults to process.env). */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Cấu hình không hợp lệ / invalid configuration:\n${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  const openai =
    e.OPENAI_API_KEY || e.OPENAI_BASE_URL
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          chatModel: e.OPENAI_MODEL,
          embeddingModel: e.OPENAI_EMBEDDING_MODEL,
          timeoutMs: e.OPENAI_TIMEOUT_MS,
        }
      : null;
  const zalo = zaloConfig(e);
  if (typeof zalo === "string") throw new ConfigError(zalo);
  const telegram = telegramConfig(e);
  if (typeof telegram === "string") throw new ConfigError(telegram);
  const embeddings = e.EMBEDDINGS === "auto" ? (openai ? "hybrid" : "local") : e.EMBEDDINGS;
  if (embeddings !== "local" && !openai) {
    throw new ConfigError(
      `EMBEDDINGS=${embeddings} cần OPENAI_API_KEY hoặc OPENAI_BASE_URL / needs OPENAI_API_KEY or OPENAI_BASE_URL`,
    );
  }
  if (e.SHUTDOWN_DRAIN_MS >= e.SHUTDOWN_TIMEOUT_MS) {
    throw new ConfigError(
      `SHUTDOWN_DRAIN_MS=${e.SHUTDOWN_DRAIN_MS} phải ngắn hơn SHUTDOWN_TIMEOUT_MS=${e.SHUTDOWN_TIMEOUT_MS} / ` +
        "must be shorter than SHUTDOWN_TIMEOUT_MS (the drain counts against the shutdown's hard limit)",
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    knowledgeDir: resolve(e.KNOWLEDGE_DIR),
    logLevel: e.LOG_LEVEL,
    openai,
    embeddings,
    redisUrl: e.REDIS_URL ?? null,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    conversationTtlSeconds: (e.RETENTION_DAYS ?? e.CONVERSATION_TTL_DAYS) * 86_400,
    questionRetentionSeconds: (e.RETENTION_DAYS ?? QUESTION_LOG_DEFAULT_DAYS) * 86_400,
    rateLimits: {
      perMinute: e.RATE_LIMIT_PER_MINUTE,
      perAddressPerMinute: e.RATE_LIMIT_IP_PER_MINUTE,
      ownerIdFailuresPerHour: e.OWNER_ID_MAX_FAILURES,
      trustProxy: e.TRUST_PROXY === "true",
    },
    staffApiToken: e.STAFF_API_TOKEN ?? null,
    staffAccounts: e.STAFF_ACCOUNTS,
    cookieSecure: e.COOKIE_SECURE === "true",
    staffIds: staffIdSets(e.STAFF_TELEGRAM_IDS, e.STAFF_ZALO_IDS),
    llm: openai !== null && e.LLM === "auto",
    filesSecret: e.FILES_SECRET ?? null,
    filesLinkDays: e.FILES_LINK_DAYS,
    attachmentsKey: e.ATTACHMENTS_KEY ?? null,
    dataKeys: e.DATA_KEYS,
    zalo,
    telegram,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, "") ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    portal: {
      mode: e.PORTAL === "off" ? "off" : e.PORTAL_URL ? "remote" : "embedded",
      url: e.PORTAL_URL ?? null,
      apiKey: e.PORTAL_API_KEY ?? "sandbox",
      agencyCode: e.PORTAL_AGENCY_CODE,
      staffToken: e.PORTAL_STAFF_TOKEN ?? null,
      callbackSecret: e.PORTAL_CALLBACK_SECRET ?? null,
      pollSeconds: e.PORTAL_POLL_SECONDS,
    },
  };
}
