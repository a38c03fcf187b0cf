// loadPortalConfig(env): the sandbox portal's own settings (PORTAL_*), read only here, validated
// with zod; a bad value throws a ConfigError naming the variable.
import { resolve } from "node:path";
import { z } from "zod";
import { logLevelSchema, optionalString, type LogLevel } from "./fields.js";
import { ConfigError } from "./index.js";

/** The environment variables of `npm run portal`, with their defaults. */
const portalEnvSchema = z.object({
  PORTAL_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  PORTAL_HOST: z.string().default("127.0.0.1"),
  PORTAL_DATA_DIR: z.string().default("./data/portal"),
  PORTAL_PUBLIC_URL: optionalString.pipe(z.url().optional()),
  PORTAL_STAFF_TOKEN: optionalString.pipe(z.string().min(16).optional()),
  PORTAL_CALLBACK_URL: optionalString.pipe(z.url().optional()),
  PORTAL_CALLBACK_SECRET: optionalString.pipe(z.string().min(16).optional()),
  PORTAL_CALLBACK_RETRY_MS: z.coerce.number().int().min(10).default(2000),
  PORTAL_CALLBACK_RETRY_MAX_MS: z.coerce.number().int().min(10).default(600_000),
  PORTAL_CLOCK_START: optionalString.pipe(z.iso.datetime({ offset: true }).optional()),
  KNOWLEDGE_DIR: z.string().default("./knowledge"),
  LOG_LEVEL: logLevelSchema,
});

export interface PortalConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Base of the links the sandbox hands out (finishUrl); null = http://host:port. */
  readonly publicUrl: string | null;
  /** Bearer token of the staff endpoints; null disables them (every call answers 401). */
  readonly staffToken: string | null;
  /** Where signed status callbacks go; null = no callbacks. */
  readonly callback: { readonly url: string; readonly secret: string } | null;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Sandbox business clock starts at this instant and runs on (demos and tests); null = real time. */
  readonly clockStart: Date | null;
  readonly knowledgeDir: string;
  readonly logLevel: LogLevel;
}

/** Parses the sandbox portal's environment (defaults to process.env). */
export function loadPortalConfig(env: Record<string, string | undefined> = process.env): PortalConfig {
  const parsed = portalEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      `Cấu hình cổng thử nghiệm không hợp lệ / invalid portal configuration:\n${z.prettifyError(parsed.error)}`,
    );
  }
  const e = parsed.data;
  if (e.PORTAL_CALLBACK_URL && !e.PORTAL_CALLBACK_SECRET) {
    throw new ConfigError(
      "PORTAL_CALLBACK_URL cần PORTAL_CALLBACK_SECRET (≥ 16 ký tự) / needs PORTAL_CALLBACK_SECRET (≥ 16 chars)",
    );
  }
  return {
    port: e.PORTAL_PORT,
    host: e.PORTAL_HOST,
    dataDir: resolve(e.PORTAL_DATA_DIR),
    publicUrl: e.PORTAL_PUBLIC_URL?.replace(/\/+$/, "") ?? null,
    staffToken: e.PORTAL_STAFF_TOKEN ?? null,
    callback:
      e.PORTAL_CALLBACK_URL && e.PORTAL_CALLBACK_SECRET
        ? { url: e.PORTAL_CALLBACK_URL, secret: e.PORTAL_CALLBACK_SECRET }
        : null,
    retryBaseMs: e.PORTAL_CALLBACK_RETRY_MS,
    retryMaxMs: Math.max(e.PORTAL_CALLBACK_RETRY_MAX_MS, e.PORTAL_CALLBACK_RETRY_MS),
    clockStart: e.PORTAL_CLOCK_START ? new Date(e.PORTAL_CLOCK_START) : null,
    knowledgeDir: resolve(e.KNOWLEDGE_DIR),
    logLevel: e.LOG_LEVEL,
  };
}
