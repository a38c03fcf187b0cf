// Lua scripts of the Redis stores, each run atomically by Redis. Scripts that derive ticket, form,
// dossier or conversation keys from ids they read assume a single Redis node (not Redis Cluster).

/** Deletes the lock only if it still holds our token. KEYS: lock. ARGV: token. */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Extends the lock only if it still holds our token. KEYS: lock. ARGV: token, ms. */
export const EXTEND_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/**
 * Returns the conversation's open ticket id, or creates the new ticket and returns its id.
 * KEYS: open pointer, new ticket hash, open zset, conversation ticket set.
 * ARGV: ticket key prefix, new id, ttl seconds, createdAt, then hash field/value pairs.
 */
export const OPEN_TICKET = `
local current = redis.call('GET', KEYS[1])
if current and redis.call('HGET', ARGV[1] .. current, 'status') == 'open' then return current end
redis.call('HSET', KEYS[2], unpack(ARGV, 5))
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[2])
redis.call('SADD', KEYS[4], ARGV[2])
redis.call('EXPIRE', KEYS[4], ARGV[3])
return ARGV[2]`;

/**
 * Closes an open ticket and refreshes the conversation's handoff keys.
 * KEYS: ticket hash, open zset, open pointer, conversation ticket set, transcript.
 * ARGV: ticket id, closedAt, ttl seconds.
 */
export const CLOSE_TICKET = `
if redis.call('HGET', KEYS[1], 'status') ~= 'open' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'closed', 'closedAt', ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('GET', KEYS[3]) == ARGV[1] then redis.call('DEL', KEYS[3]) end
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[4], ARGV[3])
redis.call('EXPIRE', KEYS[5], ARGV[3])
return 1`;

/**
 * Appends a transcript line if the ticket exists, refreshing the ticket's keys.
 * KEYS: ticket hash, transcript, conversation ticket set, open pointer. ARGV: line, ttl, ticket id.
 */
export const APPEND_TRANSCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
redis.call('EXPIRE', KEYS[3], ARGV[2])
if redis.call('GET', KEYS[4]) == ARGV[3] then redis.call('EXPIRE', KEYS[4], ARGV[2]) end
return 1`;

/**
 * Erases every ticket of a conversation with its transcript.
 * KEYS: conversation ticket set, open pointer, open zset. ARGV: ticket prefix, transcript prefix.
 */
export const DELETE_TICKETS = `
local ids = redis.call('SMEMBERS', KEYS[1])
local open = redis.call('GET', KEYS[2])
if open then table.insert(ids, open) end
for _, id in ipairs(ids) do
  redis.call('DEL', ARGV[1] .. id, ARGV[2] .. id)
  redis.call('ZREM', KEYS[3], id)
end
redis.call('DEL', KEYS[1], KEYS[2])
return #ids`;

/** Erases the forms listed in a set, and the set. KEYS: form set. ARGV: form key prefix. */
export const DELETE_FORMS = `
local ids = redis.call('SMEMBERS', KEYS[1])
for _, id in ipairs(ids) do redis.call('DEL', ARGV[1] .. id) end
redis.call('DEL', KEYS[1])
return #ids`;

/**
 * Records (or replaces) a dossier link; when the code belonged to another conversation, takes it out
 * of that conversation's set, and scores the code by createdAt in the recent zset.
 * KEYS: dossier, the new conversation's dossier set, recent zset.
 * ARGV: link JSON, ttl seconds, code, new conversation id, conversation key prefix, set suffix,
 * createdAt. The zset's ttl restarts too, so it outlives every link it lists (same ttl for all).
 */
export const LINK_DOSSIER = `
local previous = redis.call('GET', KEYS[1])
if previous then
  local ok, old = pcall(cjson.decode, previous)
  if ok and type(old) == 'table' and type(old.conversationId) == 'string'
    and old.conversationId ~= ARGV[4] then
    redis.call('SREM', ARGV[5] .. old.conversationId .. ARGV[6], ARGV[3])
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[7], ARGV[3])
redis.call('EXPIRE', KEYS[3], ARGV[2])
return 1`;

/**
 * Erases the dossier links listed in a conversation's set, and the set. A link that has since moved
 * to another conversation is left alone. KEYS: dossier set, recent zset.
 * ARGV: dossier key prefix, conversation id.
 */
export const DELETE_DOSSIERS = `
local codes = redis.call('SMEMBERS', KEYS[1])
local deleted = 0
for _, code in ipairs(codes) do
  local key = ARGV[1] .. code
  local raw = redis.call('GET', key)
  if raw then
    local ok, link = pcall(cjson.decode, raw)
    local moved = ok and type(link) == 'table' and type(link.conversationId) == 'string'
      and link.conversationId ~= ARGV[2]
    if not moved then
      redis.call('DEL', key)
      redis.call('ZREM', KEYS[2], code)
      deleted = deleted + 1
    end
  end
end
redis.call('DEL', KEYS[1])
return deleted`;

/**
 * Moves every ticket of a conversation (hash fields, transcript ttl, set membership, open pointer)
 * to another one. If the target already has an open ticket, the moved open ticket is closed.
 * KEYS: source ticket set, source open pointer, target ticket set, target open pointer, open zset.
 * ARGV: ticket prefix, transcript prefix, source id, target id, channel, ttl seconds, closedAt.
 */
export const MOVE_TICKETS = `
local ids = redis.call('SMEMBERS', KEYS[1])
local open = redis.call('GET', KEYS[2])
if open then table.insert(ids, open) end
local target = redis.call('GET', KEYS[4])
local targetOpen = target and redis.call('HGET', ARGV[1] .. target, 'status') == 'open'
local moved = 0
for _, id in ipairs(ids) do
  local key = ARGV[1] .. id
  if redis.call('HGET', key, 'conversationId') == ARGV[3] then
    redis.call('HSET', key, 'conversationId', ARGV[4], 'channel', ARGV[5])
    if targetOpen and redis.call('HGET', key, 'status') == 'open' then
      redis.call('HSET', key, 'status', 'closed', 'closedAt', ARGV[7])
      redis.call('ZREM', KEYS[5], id)
    end
    redis.call('EXPIRE', key, ARGV[6])
    redis.call('EXPIRE', ARGV[2] .. id, ARGV[6])
    redis.call('SADD', KEYS[3], id)
    moved = moved + 1
  end
end
if open and not targetOpen and redis.call('HGET', ARGV[1] .. open, 'status') == 'open'
  and redis.call('HGET', ARGV[1] .. open, 'conversationId') == ARGV[4] then
  redis.call('SET', KEYS[4], open, 'EX', ARGV[6])
end
redis.call('DEL', KEYS[1], KEYS[2])
if moved > 0 then redis.call('EXPIRE', KEYS[3], ARGV[6]) end
return moved`;
