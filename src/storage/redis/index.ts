// The Redis backend: every store over one node-redis client, with a lock shared by all processes.
// Every key expires (refreshed on write), so abandoned conversations disappear without a sweeper.
import type { Stores } from "../../core/ports.js";
import { createRedisApprovedAnswerStore } from "./approved-answers.js";
import { createRedisAttachmentStore } from "./attachments.js";
import { connectRedis, type RedisErrorListener } from "./client.js";
import { createRedisConversationStore } from "./conversations.js";
import { createRedisDossierStore } from "./dossiers.js";
import { createRedisFormStore } from "./forms.js";
import { createRedisHandoffStore } from "./handoffs.js";
import { redisKeys } from "./keys.js";
import { createRedisLock } from "./lock.js";
import { createRedisMailbox } from "./mailbox.js";
import { createRedisOutbox } from "./outbox.js";
import { createRedisResumeCodeStore } from "./resume-codes.js";
import { createRedisSeenLog } from "./seen.js";
import { QUESTION_RETENTION_SECONDS } from "../staff-records.js";
import { createRedisQuestionLog } from "./questions.js";
import { createRedisStaffSessionStore } from "./staff-sessions.js";

/** Options of the Redis backend. */
export interface RedisStoresOptions {
  /** redis:// or rediss:// URL. */
  readonly url: string;
  /** Every key expires this long after its last write (whole seconds, at least 1). */
  readonly ttlSeconds: number;
  /** Prefix of every key (default "motcua:"); lets several deployments share one Redis. */
  readonly keyPrefix?: string;
  /** Lifetime of a lock whose holder died (default 10 000 ms); live holders keep extending it. */
  readonly lockTtlMs?: number;
  /** Longest wait for a conversation's lock before LockTimeoutError (default 10 000 ms). */
  readonly lockWaitMs?: number;
  /** Clock of the question log's retention and session expiry checks; keys expire by Redis's own clock. */
  readonly now?: () => number;
  /** Told about connection errors while the client reconnects (default: ignored). */
  readonly onError?: RedisErrorListener;
  /** Question-log events are kept this long (default 90 days). */
  readonly questionRetentionSeconds?: number;
}

/** Connects to Redis (failing fast when it does not answer) and returns every store over it. */
export async function createRedisStores(options: RedisStoresOptions): Promise<Stores> {
  const client = await connectRedis(options.url, options.onError ?? (() => undefined));
  const keys = redisKeys(options.keyPrefix ?? "motcua:");
  const ttl = Math.max(1, Math.ceil(options.ttlSeconds));
  return {
    conversations: createRedisConversationStore(client, keys, ttl),
    locks: createRedisLock(client, keys, {
      ttlMs: options.lockTtlMs ?? 10_000,
      waitMs: options.lockWaitMs ?? 10_000,
    }),
    handoffs: createRedisHandoffStore(client, keys, ttl),
    forms: createRedisFormStore(client, keys, ttl),
    outbox: createRedisOutbox(client, keys, ttl),
    mailbox: createRedisMailbox(client, keys, ttl),
    dossiers: createRedisDossierStore(client, keys, ttl),
    resumeCodes: createRedisResumeCodeStore(client, keys),
    seen: createRedisSeenLog(client, keys),
    questions: createRedisQuestionLog(
      client,
      keys,
      options.questionRetentionSeconds ?? QUESTION_RETENTION_SECONDS,
      options.now ?? Date.now,
    ),
    staffSessions: createRedisStaffSessionStore(client, keys, options.now ?? Date.now),
    approvedAnswers: createRedisApprovedAnswerStore(client, keys, options.now ?? Date.now),
    attachments: createRedisAttachmentStore(client, keys, ttl),
    async ping() {
      if (!client.isReady) return false;
      try {
        return (await client.ping()) === "PONG";
      } catch {
        return false;
      }
    },
    async close() {
      if (client.isOpen) await client.close();
    },
  };
}
