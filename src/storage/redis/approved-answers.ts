// Redis approved answers: one JSON string per answer expiring by itself at its `expiresAt`, a sorted
// set of ids scored by expiry (its ttl follows the longest-lived answer; stale ids pruned) and a version
// token changed by every write, so each instance re-reads the answers only after a change.
import { randomUUID } from "node:crypto";
import type { ApprovedAnswer, ApprovedAnswerStore } from "../../core/ports.js";
import { newestApprovalFirst, parseApprovedAnswer } from "../approved-records.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";

/** Gives the version token (KEYS[3]) a new value living as long as the index (KEYS[2]). ARGV[1]: token. */
const BUMP_VERSION = `
local left = redis.call('PTTL', KEYS[2])
if left > 0 then redis.call('SET', KEYS[3], ARGV[1], 'PX', left) else redis.call('DEL', KEYS[3]) end`;

/**
 * Stores an answer, indexes it (the index lives as long as its longest-lived answer), new version.
 * KEYS: answer, index, version. ARGV: token, json, ttl ms, expiresAt, id.
 */
const PUT_ANSWER = `
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
${BUMP_VERSION}
return 1`;

/** Deletes an answer and its index entry, new version. KEYS: answer, index, version. ARGV: token, id. */
const DELETE_ANSWER = `
local removed = redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
${BUMP_VERSION}
return removed`;

/** Approved answers in Redis; `now` turns `expiresAt` into key lifetimes and filters reads. */
export function createRedisApprovedAnswerStore(
  client: RedisClient,
  keys: RedisKeys,
  now: () => number,
): ApprovedAnswerStore {
  const live = (a: ApprovedAnswer | null): ApprovedAnswer | null => (a && a.expiresAt > now() ? a : null);
  const keysOf = (id: string) => [keys.approvedAnswer(id), keys.approvedAnswers, keys.approvedAnswersVersion];
  const remove = async (id: string): Promise<boolean> =>
    Number(await client.eval(DELETE_ANSWER, { keys: keysOf(id), arguments: [randomUUID(), id] })) > 0;
  let cache: { version: string; answers: ApprovedAnswer[] } | null = null;

  async function load(): Promise<ApprovedAnswer[]> {
    const ids = await client.zRange(keys.approvedAnswers, 0, -1);
    if (ids.length === 0) return [];
    const texts = await client.mGet(ids.map((id) => keys.approvedAnswer(id)));
    const answers = texts.map((t) => live(parseApprovedAnswer(t)));
    const stale = ids.filter((_, i) => answers[i] === null);
    if (stale.length > 0) await client.zRem(keys.approvedAnswers, stale);
    return answers.filter((a): a is ApprovedAnswer => a !== null).sort(newestApprovalFirst);
  }

  return {
    async put(answer) {
      const ms = Math.ceil(answer.expiresAt - now());
      if (ms <= 0) return void (await remove(answer.id));
      const args = [JSON.stringify(answer), String(ms), String(answer.expiresAt), answer.id];
      await client.eval(PUT_ANSWER, { keys: keysOf(answer.id), arguments: [randomUUID(), ...args] });
    },
    async get(id) {
      return live(parseApprovedAnswer(await client.get(keys.approvedAnswer(id))));
    },
    async list() {
      // The token lives exactly as long as the index: none means no answer is left (one round trip on
      // the common path). It is read before loading: a write landing during the load changes it.
      const version = await client.get(keys.approvedAnswersVersion);
      if (version === null) return [];
      if (cache?.version !== version) cache = { version, answers: await load() };
      return cache.answers.filter((a) => live(a) !== null);
    },
    delete: remove,
  };
}
