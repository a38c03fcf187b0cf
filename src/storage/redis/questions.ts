// Redis question log (staff statistics): every event as JSON in one sorted set scored by its time,
// plus a per-conversation set of the same members so "xóa dữ liệu" can erase them. Both keys expire
// after the retention (refreshed on write); members older than the retention are pruned on write.
import type { QuestionLog } from "../../core/ports.js";
import { parseQuestionEvent, questionEventJson } from "../staff-records.js";
import { present } from "../records.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";

/** The question log in Redis; `now` is the clock deciding which events are past the retention. */
export function createRedisQuestionLog(
  client: RedisClient,
  keys: RedisKeys,
  retentionSeconds: number,
  now: () => number,
): QuestionLog {
  const ttl = Math.max(1, Math.ceil(retentionSeconds));
  const oldestKept = (): number => now() - retentionSeconds * 1000;
  return {
    async record(conversationId, event) {
      const member = questionEventJson(event);
      const mine = keys.questions(conversationId);
      await client
        .multi()
        .zAdd(keys.questionLog, { score: event.at, value: member })
        .zRemRangeByScore(keys.questionLog, "-inf", `(${oldestKept()}`)
        .expire(keys.questionLog, ttl)
        .sAdd(mine, member)
        .expire(mine, ttl)
        .exec();
    },
    async since(from, limit) {
      if (limit <= 0) return [];
      const min = Math.max(from, oldestKept());
      const members = await client.zRange(keys.questionLog, "+inf", min, {
        BY: "SCORE",
        REV: true,
        LIMIT: { offset: 0, count: limit },
      });
      return present(members.map(parseQuestionEvent));
    },
    async deleteConversation(conversationId) {
      const mine = keys.questions(conversationId);
      const members = await client.sMembers(mine);
      const erase = client.multi().del(mine);
      if (members.length > 0) erase.zRem(keys.questionLog, members);
      await erase.exec();
    },
  };
}
