// The settings motcua reads from the environment, with their defaults. Each one is listed in
// .env.example and in the README's configuration table.
import { z } from "zod";
import { logLevelSchema, optionalString } from "./fields.js";
import { attachmentsKeySchema } from "./attachments-key.js";
import { dataKeysSchema } from "./data-keys.js";
import { staffAccountsSchema } from "./staff.js";
import { staffZaloIdsSchema } from "./staff-ids.js";
import { zaloEnvShape } from "./zalo.js";
import { telegramEnvShape } from "./telegram.js";

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATA_DIR: z.string().default("./data"),
  KNOWLEDGE_DIR: z.string().default("./knowledge"),
  LOG_LEVEL: logLevelSchema,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_MODEL: z.string().default("gpt-4o-mini"),
  OPENAI_EMBEDDING_MODEL: z.string().default("text-embedding-3-small"),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  EMBEDDINGS: z.enum(["auto", "local", "openai", "hybrid"]).default("auto"),
  REDIS_URL: optionalString.pipe(z.url().optional()),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/)
    .default("motcua:"),
  CONVERSATION_TTL_DAYS: z.coerce.number().int().min(7).max(3650).default(30),
  RETENTION_DAYS: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number().int().min(7).max(3650).optional(),
  ),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(10_000).default(30),
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(300),
  OWNER_ID_MAX_FAILURES: z.coerce.number().int().min(0).max(100).default(5),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  STAFF_API_TOKEN: optionalString.pipe(z.string().min(16).optional()),
  STAFF_ACCOUNTS: staffAccountsSchema,
  COOKIE_SECURE: z.enum(["true", "false"]).default("false"),
  STAFF_ZALO_IDS: staffZaloIdsSchema,
  LLM: z.enum(["auto", "off"]).default("auto"),
  PORTAL: z.enum(["auto", "off"]).default("auto"),
  PORTAL_URL: optionalString.pipe(z.url().optional()),
  PORTAL_API_KEY: optionalString,
  PORTAL_AGENCY_CODE: z
    .string()
    .regex(/^[0-9A-Z]+(\.[0-9A-Z]+)*$/)
    .default("H29.31"),
  PORTAL_STAFF_TOKEN: optionalString.pipe(z.string().min(16).optional()),
  PORTAL_CALLBACK_SECRET: optionalString.pipe(z.string().min(16).optional()),
  PORTAL_POLL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
  FILES_SECRET: optionalString.pipe(z.string().min(32).optional()),
  FILES_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ATTACHMENTS_KEY: attachmentsKeySchema,
  DATA_KEYS: dataKeysSchema,
  ...zaloEnvShape,
  ...telegramEnvShape,
  PUBLIC_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16).optional()),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(15_000),
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(0),
});

export type Env = z.infer<typeof envSchema>;
