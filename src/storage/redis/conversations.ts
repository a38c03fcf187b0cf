// Redis conversation states: one JSON string per conversation, written with SET … EX so Redis
// itself forgets idle conversations. Loading validates with parseState (damaged → absent).
import { parseState, type ConversationState } from "../../core/dialogue/state.js";
import type { ConversationStore } from "../../core/ports.js";
import { parseJson } from "../records.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";

/** Conversation states in Redis; every save restarts the ttl. */
export function createRedisConversationStore(
  client: RedisClient,
  keys: RedisKeys,
  ttlSeconds: number,
): ConversationStore {
  return {
    async load(conversationId: string): Promise<ConversationState | null> {
      const text = await client.get(keys.state(conversationId));
      return parseState(parseJson(text));
    },
    async save(conversationId: string, state: ConversationState): Promise<void> {
      await client.set(keys.state(conversationId), JSON.stringify(state), {
        expiration: { type: "EX", value: ttlSeconds },
      });
    },
    async delete(conversationId: string): Promise<void> {
      await client.del(keys.state(conversationId));
    },
  };
}
