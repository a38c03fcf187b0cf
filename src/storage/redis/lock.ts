// The Redis conversation lock, shared by every process: SET key token NX PX, polled with short
// sleeps, extended while the turn runs, and released only by its holder (Lua compare-and-delete).
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { ConversationLock } from "../../core/ports.js";
import { LockTimeoutError } from "../errors.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";
import { EXTEND_LOCK, RELEASE_LOCK } from "./scripts.js";

/** Timing of the Redis lock. */
export interface RedisLockTiming {
  /** Lock lifetime if its holder dies; a live holder extends it every third of it. */
  readonly ttlMs: number;
  /** Longest wait before LockTimeoutError. */
  readonly waitMs: number;
}

/** Polling interval bounds while another turn holds the lock (jittered to avoid lockstep). */
const POLL_MIN_MS = 10;
const POLL_MAX_MS = 50;

/** Creates the cross-process lock; turns of one conversation never overlap in any process. */
export function createRedisLock(
  client: RedisClient,
  keys: RedisKeys,
  timing: RedisLockTiming,
): ConversationLock {
  async function acquire(key: string, token: string): Promise<void> {
    const deadline = performance.now() + timing.waitMs;
    for (;;) {
      const reply = await client.set(key, token, {
        condition: "NX",
        expiration: { type: "PX", value: timing.ttlMs },
      });
      if (reply === "OK") return;
      const left = deadline - performance.now();
      if (left <= 0) throw new LockTimeoutError(timing.waitMs);
      await sleep(Math.min(left, POLL_MIN_MS + Math.random() * (POLL_MAX_MS - POLL_MIN_MS)));
    }
  }

  function keepAlive(key: string, token: string): NodeJS.Timeout {
    const timer = setInterval(
      () => {
        // A failed extension is not fatal: the turn goes on and the lock may lapse after ttlMs.
        client
          .eval(EXTEND_LOCK, { keys: [key], arguments: [token, String(timing.ttlMs)] })
          .catch(() => undefined);
      },
      Math.max(1, Math.floor(timing.ttlMs / 3)),
    );
    timer.unref();
    return timer;
  }

  return {
    async run<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
      const key = keys.lock(conversationId);
      const token = randomUUID();
      await acquire(key, token);
      const timer = keepAlive(key, token);
      try {
        return await fn();
      } finally {
        clearInterval(timer);
        // If Redis is unreachable the lock simply lapses after ttlMs; fn's outcome must win.
        await client.eval(RELEASE_LOCK, { keys: [key], arguments: [token] }).catch(() => undefined);
      }
    },
  };
}
