// Composition of the rate limits: the in-memory limiter, or the Redis one (own connection) when
// REDIS_URL is set, failing open; the web chat check, the push-chat check and the staff login limiter.
import type { AppConfig } from "../config/index.js";
import type { EventLog, RateLimiter, RateRule } from "../core/ports.js";
import {
  chatLimit,
  createMemoryRateLimiter,
  createRedisRateLimiter,
  failOpen,
  loginRateLimiter,
  rateLimitPolicy,
  type LoginRateLimiter,
  webLimit,
  type RateLimitPolicy,
  type WebLimit,
} from "../rate-limit/index.js";
import { connectRedis } from "../storage/redis/client.js";

export interface RateLimitSetUp {
  readonly limiter: RateLimiter;
  readonly policy: RateLimitPolicy;
  /** POST /api/chat and /api/chat/photo: per session and per address. */
  readonly web: WebLimit;
  /** Push channels: whether a chat's turn may run now. */
  readonly chat: (conversationId: string) => Promise<boolean>;
  /** Staff console sign-in failures (shared by instances on Redis). */
  readonly login: LoginRateLimiter;
  /** Wrong owner ID numbers (dossier status lookups). */
  readonly ownerId: { readonly limiter: RateLimiter; readonly rule: RateRule };
  close(): Promise<void>;
}

/** Builds the limits from the configuration; `message` is the polite 429 text. */
export async function setUpRateLimits(
  config: AppConfig,
  deps: { readonly now: () => number; readonly log: EventLog; readonly message: string },
): Promise<RateLimitSetUp> {
  const policy = rateLimitPolicy(config.rateLimits);
  const reportError = (err: unknown) =>
    deps.log.warn("rate-limit.error", { error: err instanceof Error ? err.name : "unknown" });
  let close = () => Promise.resolve();
  let base: RateLimiter;
  if (config.redisUrl) {
    const client = await connectRedis(config.redisUrl, reportError);
    base = failOpen(createRedisRateLimiter(client, config.redisKeyPrefix), reportError);
    close = async () => {
      if (client.isOpen) await client.close();
    };
  } else base = createMemoryRateLimiter();
  return {
    limiter: base,
    policy,
    web: webLimit({ limiter: base, policy, message: deps.message, now: deps.now }),
    chat: chatLimit({ limiter: base, policy, now: deps.now }),
    login: loginRateLimiter(base),
    ownerId: { limiter: base, rule: policy.ownerIdFailures },
    close,
  };
}
