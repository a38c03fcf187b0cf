// Redis attachments: one hash per sealed (encrypted) photo, binary-safe, plus a set of ids per
// conversation. Both expire with the conversation's ttl; the store never sees a photo in clear.
import { RESP_TYPES } from "redis";
import type { AttachmentInfo, AttachmentStore, StoredAttachment } from "../../core/ports.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";

/** Erases the attachments listed in a set, and the set. KEYS: id set. ARGV: attachment key prefix. */
const DELETE_ATTACHMENTS = `
local ids = redis.call('SMEMBERS', KEYS[1])
for _, id in ipairs(ids) do redis.call('DEL', ARGV[1] .. id) end
redis.call('DEL', KEYS[1])
return #ids`;

const FIELDS = ["conversationId", "mime", "createdAt", "size"] as const;

function infoFrom(id: string, values: readonly (Buffer | null)[]): AttachmentInfo | null {
  const [conversationId, mime, createdAt, size] = values.map((v) => v?.toString("utf8"));
  if (!conversationId || !mime || !createdAt || !size) return null;
  const at = Number(createdAt);
  const bytes = Number(size);
  if (!Number.isFinite(at) || !Number.isInteger(bytes)) return null;
  return { id, conversationId, mime, createdAt: at, size: bytes };
}

/** Sealed attachments in Redis; putting the same id again replaces it. */
export function createRedisAttachmentStore(
  client: RedisClient,
  keys: RedisKeys,
  ttlSeconds: number,
): AttachmentStore {
  // Replies as Buffers: the sealed bytes are binary and must not be decoded as UTF-8.
  const binary = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  const info = async (id: string): Promise<AttachmentInfo | null> =>
    infoFrom(id, await binary.hmGet(keys.attachment(id), [...FIELDS]));

  return {
    async put(a: StoredAttachment) {
      const key = keys.attachment(a.id);
      const set = keys.attachments(a.conversationId);
      const sealed = Buffer.from(a.sealed.buffer, a.sealed.byteOffset, a.sealed.byteLength);
      await client
        .multi()
        .del(key)
        .hSet(key, {
          conversationId: a.conversationId,
          mime: a.mime,
          createdAt: String(a.createdAt),
          size: String(sealed.byteLength),
          sealed,
        })
        .expire(key, ttlSeconds)
        .sAdd(set, a.id)
        .expire(set, ttlSeconds)
        .exec();
    },
    async get(id) {
      const values = await binary.hmGet(keys.attachment(id), [...FIELDS, "sealed"]);
      const meta = infoFrom(id, values);
      const sealed = values[FIELDS.length];
      return meta && sealed ? { ...meta, sealed: new Uint8Array(sealed) } : null;
    },
    async listFor(conversationId) {
      const ids = await client.sMembers(keys.attachments(conversationId));
      const found = await Promise.all(ids.map(info));
      return found
        .filter((a): a is AttachmentInfo => a !== null && a.conversationId === conversationId)
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    },
    async moveConversation(from, to) {
      if (from === to) return;
      const ids = await client.sMembers(keys.attachments(from));
      const owned = (await Promise.all(ids.map(info))).filter(
        (a): a is AttachmentInfo => a !== null && a.conversationId === from,
      );
      // One transaction: the attachments are re-owned by `to` and `from` forgets them together.
      const tx = client.multi();
      for (const a of owned) {
        tx.hSet(keys.attachment(a.id), "conversationId", to);
        tx.expire(keys.attachment(a.id), ttlSeconds);
        tx.sAdd(keys.attachments(to), a.id);
      }
      if (owned.length > 0) tx.expire(keys.attachments(to), ttlSeconds);
      await tx.del(keys.attachments(from)).exec();
    },
    async deleteConversation(conversationId) {
      await client.eval(DELETE_ATTACHMENTS, {
        keys: [keys.attachments(conversationId)],
        arguments: [keys.attachmentPrefix],
      });
    },
  };
}
