// Redis outbox: one list of reply JSON per conversation. Push appends and restarts the ttl;
// drain reads and deletes inside MULTI, so a reply is delivered by exactly one drain.
import type { Outbox } from "../../core/ports.js";
import { parseReply, present } from "../records.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";

/** The outbox in Redis, oldest reply first. */
export function createRedisOutbox(client: RedisClient, keys: RedisKeys, ttlSeconds: number): Outbox {
  return {
    async push(conversationId, replies) {
      if (replies.length === 0) return;
      const key = keys.outbox(conversationId);
      await client
        .multi()
        .rPush(
          key,
          replies.map((r) => JSON.stringify(r)),
        )
        .expire(key, ttlSeconds)
        .exec();
    },
    async drain(conversationId) {
      const key = keys.outbox(conversationId);
      const [waiting] = await client.multi().lRange(key, 0, -1).del(key).execTyped();
      return present(waiting.map(parseReply));
    },
    async deleteConversation(conversationId) {
      await client.del(keys.outbox(conversationId));
    },
  };
}
