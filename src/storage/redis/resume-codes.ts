// Redis resume codes ("tiếp tục ABC234"): code → conversation and conversation → its live code, both
// expiring with the code; issuing and taking run in Lua so a code is handed out and taken once.
import type { ResumeCodeStore } from "../../core/ports.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";

/**
 * Stores a new code unless it is live already, and drops the conversation's previous code.
 * KEYS: code key, the conversation's code pointer. ARGV: conversation id, ttl seconds, code key
 * prefix, code.
 */
const ISSUE = `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then return 0 end
local old = redis.call('GET', KEYS[2])
if old and old ~= ARGV[4] and redis.call('GET', ARGV[3] .. old) == ARGV[1] then
  redis.call('DEL', ARGV[3] .. old)
end
redis.call('SET', KEYS[2], ARGV[4], 'EX', ARGV[2])
return 1`;

/**
 * Takes a code: returns its conversation id and deletes it (and the pointer when it still names it).
 * KEYS: code key. ARGV: conversation key prefix, pointer suffix, code.
 */
const TAKE = `
local id = redis.call('GET', KEYS[1])
if not id then return false end
redis.call('DEL', KEYS[1])
local pointer = ARGV[1] .. id .. ARGV[2]
if redis.call('GET', pointer) == ARGV[3] then redis.call('DEL', pointer) end
return id`;

/**
 * Erases the conversation's live code and its wrong-code count.
 * KEYS: code pointer, failure count. ARGV: code key prefix, conversation id.
 */
const ERASE = `
local code = redis.call('GET', KEYS[1])
if code and redis.call('GET', ARGV[1] .. code) == ARGV[2] then redis.call('DEL', ARGV[1] .. code) end
redis.call('DEL', KEYS[1], KEYS[2])
return 1`;

/** Resume codes in Redis; every key expires by itself. */
export function createRedisResumeCodeStore(client: RedisClient, keys: RedisKeys): ResumeCodeStore {
  const pointerSuffix = keys.resumeOf("").slice(keys.convPrefix.length);
  const seconds = (n: number): string => String(Math.max(1, Math.ceil(n)));

  return {
    async issue(code, conversationId, ttlSeconds) {
      const stored = await client.eval(ISSUE, {
        keys: [keys.resumeCode(code), keys.resumeOf(conversationId)],
        arguments: [conversationId, seconds(ttlSeconds), keys.resumeCodePrefix, code],
      });
      return stored === 1;
    },
    async take(code) {
      const id = await client.eval(TAKE, {
        keys: [keys.resumeCode(code)],
        arguments: [keys.convPrefix, pointerSuffix, code],
      });
      return typeof id === "string" ? id : null;
    },
    async recordFailure(conversationId, windowSeconds) {
      const key = keys.resumeFailures(conversationId);
      const [, count] = await client
        .multi()
        .set(key, "0", { condition: "NX", expiration: { type: "EX", value: Number(seconds(windowSeconds)) } })
        .incr(key)
        .exec();
      return Number(count);
    },
    async failures(conversationId) {
      return Number((await client.get(keys.resumeFailures(conversationId))) ?? 0);
    },
    async deleteConversation(conversationId) {
      await client.eval(ERASE, {
        keys: [keys.resumeOf(conversationId), keys.resumeFailures(conversationId)],
        arguments: [keys.resumeCodePrefix, conversationId],
      });
    },
  };
}
