// Redis seen-log: keys claimed recently (webhook update ids, bubbles already sent), shared by every
// instance. SET NX EX makes the claim atomic: of several instances, exactly one wins.
import type { SeenLog } from "../../core/ports.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";

/** The seen-log in Redis; keys expire by themselves. */
export function createRedisSeenLog(client: RedisClient, keys: RedisKeys): SeenLog {
  return {
    async firstTime(key, ttlSeconds) {
      const set = await client.set(keys.seen(key), "1", {
        condition: "NX",
        expiration: { type: "EX", value: Math.max(1, Math.ceil(ttlSeconds)) },
      });
      return set === "OK";
    },
    async has(key) {
      return (await client.exists(keys.seen(key))) === 1;
    },
    async forget(key) {
      await client.del(keys.seen(key));
    },
  };
}
