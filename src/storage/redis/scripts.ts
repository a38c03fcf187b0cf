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
 * Lua helpers of the open-ticket index: a sorted set of open ticket ids scored by the time (ms, by
 * Redis's clock) at which the ticket's hash expires. openIndex first turns an index left as a plain
 * set into a sorted set (no script meets WRONGTYPE), then re-checks up to `limit` members scored in
 * the past (-1: all): still open (old data scored by createdAt, or a refresh that missed it) →
 * re-scored, else dropped. settle makes the index expire with its longest-lived ticket.
 */
const OPEN_INDEX = `
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function track(index, ticket, id, now)
  local left = redis.call('PTTL', ticket)
  if left ~= -2 and redis.call('HGET', ticket, 'status') == 'open' then
    redis.call('ZADD', index, left == -1 and '+inf' or now + left, id)
  else
    redis.call('ZREM', index, id)
  end
end
local function openIndex(index, prefix, limit)
  local kind = redis.call('TYPE', index)['ok']
  if kind == 'set' then
    local ids = redis.call('SMEMBERS', index)
    redis.call('DEL', index)
    for _, id in ipairs(ids) do redis.call('ZADD', index, 0, id) end
  elseif kind ~= 'zset' and kind ~= 'none' then
    redis.call('DEL', index)
  end
  local now = nowMs()
  if limit ~= 0 then
    local stale = redis.call('ZRANGEBYSCORE', index, '-inf', now, 'LIMIT', 0, limit)
    for _, id in ipairs(stale) do track(index, prefix .. id, id, now) end
  end
  return now
end
local function settle(index, now)
  local last = redis.call('ZRANGE', index, -1, -1, 'WITHSCORES')
  if #last == 0 then return end
  local at = tonumber(last[2])
  if at == math.huge then
    redis.call('PERSIST', index)
  elseif at > now then
    redis.call('PEXPIREAT', index, string.format('%d', at))
  end
end
`;

/** Members scored in the past that a write re-checks at most (a listing re-checks them all). */
const PRUNED_PER_WRITE = 100;

/**
 * Returns the conversation's open ticket id, or creates the new ticket and returns its id.
 * KEYS: open pointer, new ticket hash, open index, conversation ticket set.
 * ARGV: ticket key prefix, new id, ttl seconds, then hash field/value pairs.
 */
export const OPEN_TICKET = `${OPEN_INDEX}
local current = redis.call('GET', KEYS[1])
if current and redis.call('HGET', ARGV[1] .. current, 'status') == 'open' then return current end
redis.call('HSET', KEYS[2], unpack(ARGV, 4))
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
redis.call('SADD', KEYS[4], ARGV[2])
redis.call('EXPIRE', KEYS[4], ARGV[3])
local now = openIndex(KEYS[3], ARGV[1], ${PRUNED_PER_WRITE})
track(KEYS[3], KEYS[2], ARGV[2], now)
settle(KEYS[3], now)
return ARGV[2]`;

/**
 * Lists the open index after dropping the members whose ticket expired or closed.
 * KEYS: open index. ARGV: ticket key prefix.
 */
export const LIST_OPEN_TICKETS = `${OPEN_INDEX}
settle(KEYS[1], openIndex(KEYS[1], ARGV[1], -1))
return redis.call('ZRANGE', KEYS[1], 0, -1)`;

/**
 * Closes an open ticket and refreshes the conversation's handoff keys.
 * KEYS: ticket hash, open index, open pointer, conversation ticket set, transcript.
 * ARGV: ticket id, closedAt, ttl seconds.
 */
export const CLOSE_TICKET = `${OPEN_INDEX}
if redis.call('HGET', KEYS[1], 'status') ~= 'open' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'closed', 'closedAt', ARGV[2])
openIndex(KEYS[2], '', 0)
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('GET', KEYS[3]) == ARGV[1] then redis.call('DEL', KEYS[3]) end
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[4], ARGV[3])
redis.call('EXPIRE', KEYS[5], ARGV[3])
return 1`;

/**
 * Appends a transcript line if the ticket exists, refreshing the ticket's keys and, while it is
 * open, its expiry in the open index.
 * KEYS: ticket hash, transcript, conversation ticket set, open pointer, open index.
 * ARGV: line, ttl, ticket id, ticket key prefix.
 */
export const APPEND_TRANSCRIPT = `${OPEN_INDEX}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
redis.call('EXPIRE', KEYS[3], ARGV[2])
if redis.call('GET', KEYS[4]) == ARGV[3] then redis.call('EXPIRE', KEYS[4], ARGV[2]) end
if redis.call('HGET', KEYS[1], 'status') == 'open' then
  local now = openIndex(KEYS[5], ARGV[4], ${PRUNED_PER_WRITE})
  track(KEYS[5], KEYS[1], ARGV[3], now)
  settle(KEYS[5], now)
end
return 1`;

/**
 * Erases every ticket of a conversation with its transcript, and takes them out of the open index.
 * KEYS: conversation ticket set, open pointer, open index. ARGV: ticket prefix, transcript prefix.
 */
export const DELETE_TICKETS = `${OPEN_INDEX}
openIndex(KEYS[3], ARGV[1], 0)
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
 * to another one. If the target already has an open ticket, the moved open ticket is closed. The
 * open index follows: a moved ticket still open gets its new expiry, one closed here leaves it.
 * KEYS: source ticket set, source open pointer, target ticket set, target open pointer, open index.
 * ARGV: ticket prefix, transcript prefix, source id, target id, channel, ttl seconds, closedAt.
 */
export const MOVE_TICKETS = `${OPEN_INDEX}
local now = openIndex(KEYS[5], ARGV[1], ${PRUNED_PER_WRITE})
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
    end
    redis.call('EXPIRE', key, ARGV[6])
    redis.call('EXPIRE', ARGV[2] .. id, ARGV[6])
    track(KEYS[5], key, id, now)
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
settle(KEYS[5], now)
return moved`;
