// Redis mailboxes of push chats: a list per conversation and box of {seq, body} JSON, seq from one
// shared counter (never reused). Append and remove are Lua scripts, atomic across instances.
import type { Mailbox, MailboxItem } from "../../core/ports.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";

/** KEYS: list, counter. ARGV: body as a JSON string, ttl seconds. */
const APPEND = `
local seq = redis.call('INCR', KEYS[2])
redis.call('RPUSH', KEYS[1], '{"seq":' .. seq .. ',"body":' .. ARGV[1] .. '}')
redis.call('EXPIRE', KEYS[1], ARGV[2])
return seq`;

/** Removes the first of the oldest items whose seq is ARGV[1]. KEYS: list. */
const REMOVE = `
local items = redis.call('LRANGE', KEYS[1], 0, 15)
for _, item in ipairs(items) do
  local seq = string.match(item, '^{"seq":(%d+),')
  if seq == ARGV[1] then return redis.call('LREM', KEYS[1], 1, item) end
end
return 0`;

function parse(text: string): MailboxItem | null {
  try {
    const value = JSON.parse(text) as { seq?: unknown; body?: unknown };
    return typeof value?.seq === "number" && typeof value.body === "string"
      ? { seq: value.seq, body: value.body }
      : null;
  } catch {
    return null;
  }
}

/** The mailboxes in Redis; a damaged item is dropped when it reaches the head. */
export function createRedisMailbox(client: RedisClient, keys: RedisKeys, ttlSeconds: number): Mailbox {
  return {
    async append(box, conversationId, body) {
      const seq = await client.eval(APPEND, {
        keys: [keys.mailbox(conversationId, box), keys.mailboxSeq],
        arguments: [JSON.stringify(body), String(ttlSeconds)],
      });
      return Number(seq);
    },
    async head(box, conversationId) {
      const key = keys.mailbox(conversationId, box);
      for (;;) {
        const text = await client.lIndex(key, 0);
        if (text === null) return null;
        const item = parse(text);
        if (item) return item;
        await client.lRem(key, 1, text);
      }
    },
    async remove(box, conversationId, seq) {
      const removed = await client.eval(REMOVE, {
        keys: [keys.mailbox(conversationId, box)],
        arguments: [String(seq)],
      });
      return Number(removed) > 0;
    },
    async deleteConversation(conversationId) {
      await client.del([keys.mailbox(conversationId, "in"), keys.mailbox(conversationId, "out")]);
    },
  };
}
