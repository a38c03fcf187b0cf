// Re-sealing the Redis records under the current key: SCAN over the record keys, then a Lua
// compare-and-set per value (SET … KEEPTTL / LSET keep the expiry); a value a turn changed meanwhile is left.
import type { RedisClient } from "../redis/client.js";
import { redisKeys } from "../redis/keys.js";
import type { RecordCipher } from "./cipher.js";
import type { RecordKind } from "./records.js";
import { newReport, resealInto, type RotationReport } from "./rotate.js";

const SET_IF_SAME = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') return 1 end return 0`;
const LSET_IF_SAME = `if redis.call('LINDEX', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('LSET', KEYS[1], ARGV[1], ARGV[3]) return 1 end return 0`;

/** A kind of record: the SCAN pattern's fixed start and end, and whether it is a list. */
interface Place {
  readonly kind: RecordKind;
  readonly start: string;
  readonly end: string;
  readonly list: boolean;
}

const glob = (s: string): string => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

function places(prefix: string): Place[] {
  const k = redisKeys(prefix);
  return [
    { kind: "state", start: k.convPrefix, end: ":state", list: false },
    { kind: "outbox", start: k.convPrefix, end: ":outbox", list: true },
    { kind: "mailbox", start: k.convPrefix, end: ":mailbox:in", list: true },
    { kind: "mailbox", start: k.convPrefix, end: ":mailbox:out", list: true },
    { kind: "form", start: k.formPrefix, end: "", list: false },
    { kind: "dossier", start: k.dossierPrefix, end: "", list: false },
    { kind: "transcript", start: k.transcriptPrefix, end: "", list: true },
  ];
}

async function rotateString(
  client: RedisClient,
  key: string,
  id: string,
  p: Place,
  cipher: RecordCipher,
  r: RotationReport,
) {
  const text = await client.get(key);
  if (text === null) return;
  const next = resealInto(r, p.kind, text, id, cipher);
  if (next === null) return;
  const done = await client.eval(SET_IF_SAME, { keys: [key], arguments: [text, next] });
  if (Number(done) === 1) r.resealed[p.kind] += 1;
  else r.skipped += 1;
}

async function rotateList(
  client: RedisClient,
  key: string,
  id: string,
  p: Place,
  cipher: RecordCipher,
  r: RotationReport,
) {
  const items = await client.lRange(key, 0, -1);
  for (const [i, text] of items.entries()) {
    const next = resealInto(r, p.kind, text, id, cipher);
    if (next === null) continue;
    const done = await client.eval(LSET_IF_SAME, { keys: [key], arguments: [String(i), text, next] });
    if (Number(done) === 1) r.resealed[p.kind] += 1;
    else r.skipped += 1;
  }
}

/** Re-seals every record under `prefix` (default "motcua:"); safe while instances keep running. */
export async function rotateRedis(
  client: RedisClient,
  prefix: string,
  cipher: RecordCipher,
): Promise<RotationReport> {
  const report = newReport();
  for (const p of places(prefix)) {
    for await (const batch of client.scanIterator({ MATCH: `${glob(p.start)}*${glob(p.end)}`, COUNT: 500 })) {
      for (const key of batch) {
        if (!key.endsWith(p.end) || key.length <= p.start.length + p.end.length) continue;
        const id = key.slice(p.start.length, key.length - p.end.length);
        if (p.list) await rotateList(client, key, id, p, cipher, report);
        else await rotateString(client, key, id, p, cipher, report);
      }
    }
  }
  return report;
}
