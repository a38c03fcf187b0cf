// Redis staff console sessions: one JSON string per session under the sha256 of its id, expiring
// by itself when the session does, so every instance sees the same sessions.
import type { StaffSessionStore } from "../../core/ports.js";
import { parseStaffSession } from "../staff-records.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";

/** Staff sessions in Redis; `now` turns a session's `expiresAt` into the key's lifetime. */
export function createRedisStaffSessionStore(
  client: RedisClient,
  keys: RedisKeys,
  now: () => number,
): StaffSessionStore {
  return {
    async create(idHash, session) {
      const ms = Math.max(1, Math.ceil(session.expiresAt - now()));
      await client.set(keys.staffSession(idHash), JSON.stringify(session), {
        expiration: { type: "PX", value: ms },
      });
    },
    async get(idHash) {
      const session = parseStaffSession(await client.get(keys.staffSession(idHash)));
      return session && session.expiresAt > now() ? session : null;
    },
    async delete(idHash) {
      await client.del(keys.staffSession(idHash));
    },
  };
}
