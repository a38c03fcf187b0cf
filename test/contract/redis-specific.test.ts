// What only the Redis backend promises: several processes share state and the lock, the lock is
// bounded, extended while held and released only by its holder, every key expires or is erased (the
// open-ticket index forgets expired tickets), and commands fail at once while Redis is down.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { initialState } from "../../src/core/dialogue/state.js";
import type { Stores } from "../../src/core/ports.js";
import { LockTimeoutError, createRedisStores } from "../../src/storage/index.js";
import { rawRedis, redisBackend, redisReachable, warnRedisSkipped } from "../helpers/stores.js";
import { redisServerInstalled, startOwnRedis } from "../faults/own-redis.js";
import { until } from "../scale/instance.js";
import { newId, storesFactory } from "./stores-contract.js";

const reachable = await redisReachable();
if (!reachable) warnRedisSkipped();

describe.skipIf(!reachable)("redis backend", () => {
  const backend = redisBackend();
  const open = storesFactory(() => backend.makeWith({ lockTtlMs: 150, lockWaitMs: 5000 }));
  const client = rawRedis();
  const ticket = (conversationId: string) =>
    ({ conversationId, channel: "web", reason: "requested", procedure: null, summary: "s" }) as const;

  async function fill(stores: Stores, id: string) {
    await stores.conversations.save(id, initialState(1));
    const t = await stores.handoffs.open(ticket(id), 1);
    await stores.handoffs.appendTranscript(t.id, { from: "citizen", text: "alo", at: 2 });
    const formId = newId();
    await stores.forms.save({ id: formId, conversationId: id, procedure: "p", values: {}, confirmedAt: 3 });
    const code = `HS-${newId()}`;
    await stores.dossiers.link({
      code,
      conversationId: id,
      procedure: "p",
      accessToken: "tok",
      createdAt: 4,
    });
    await stores.outbox.push(id, [{ text: "hi" }]);
    return [id, t.id, formId, code];
  }

  it("shares state, tickets and the outbox between two instances", async () => {
    const [a, b] = [await open(), await open()];
    const id = newId();
    await a.conversations.save(id, initialState(5));
    expect(await b.conversations.load(id)).toEqual(initialState(5));
    const t = await a.handoffs.open(ticket(id), 1);
    expect(await b.handoffs.open(ticket(id), 2)).toEqual(t);
    await a.outbox.push(id, [{ text: "x" }]);
    expect(await b.outbox.drain(id)).toEqual([{ text: "x" }]);
  });

  it("serializes turns across instances, even past lockTtlMs while the holder lives", async () => {
    const [a, b] = [await open(), await open()];
    const id = newId();
    const events: string[] = [];
    const turn = (stores: Stores, label: string) =>
      stores.locks.run(id, async () => {
        events.push(`${label}:start`);
        await sleep(500); // > lockTtlMs (150): only the keep-alive keeps b out
        events.push(`${label}:end`);
      });
    await Promise.all([turn(a, "a"), sleep(20).then(() => turn(b, "b"))]);
    expect(events).toEqual(["a:start", "a:end", "b:start", "b:end"]);
  });

  it("gives up with LockTimeoutError after lockWaitMs", async () => {
    const holder = await open();
    const impatient = await backend.makeWith({ lockWaitMs: 150 });
    const id = newId();
    const held = holder.locks.run(id, () => sleep(600, "done"));
    await sleep(20);
    await expect(impatient.locks.run(id, () => Promise.resolve(1))).rejects.toBeInstanceOf(LockTimeoutError);
    expect(await held).toBe("done");
    await impatient.close();
  });

  it("takes over a lock whose holder died, and never deletes another holder's lock", async () => {
    const { locks } = await open();
    const id = newId();
    const key = `${backend.prefix}conv:${id}:lock`;
    await client.set(key, "dead-process", { expiration: { type: "PX", value: 200 } });
    await locks.run(id, async () => {
      await client.set(key, "intruder"); // as if our lock had lapsed and someone took it
    });
    expect(await client.get(key)).toBe("intruder");
    await client.del(key);
  });

  it("gives every per-conversation key a ttl", async () => {
    const stores = await open();
    const [id] = await fill(stores, newId());
    const keys = await client.keys(`${backend.prefix}*`);
    expect(keys.some((k) => k.includes(id ?? "?"))).toBe(true);
    expect(keys).toContain(`${backend.prefix}open-handoffs`);
    for (const key of keys) expect(await client.ttl(key), key).toBeGreaterThan(0);
  });

  it("leaves no key of an erased conversation, and keeps the other conversation's keys", async () => {
    const stores = await open();
    const gone = await fill(stores, newId());
    const kept = await fill(stores, newId());
    const [id = ""] = gone;
    await Promise.all([
      stores.conversations.delete(id),
      stores.handoffs.deleteConversation(id),
      stores.forms.deleteConversation(id),
      stores.dossiers.deleteConversation(id),
      stores.outbox.deleteConversation(id),
    ]);
    const keys = await client.keys(`${backend.prefix}*`);
    const openIds = await client.zRange(`${backend.prefix}open-handoffs`, 0, -1);
    for (const name of gone) expect([...keys, ...openIds].filter((k) => k.includes(name))).toEqual([]);
    for (const name of kept) expect(keys.some((k) => k.includes(name))).toBe(true);
  });

  it("reads a state that is not JSON as absent", async () => {
    const { conversations } = await open();
    const id = newId();
    await client.set(`${backend.prefix}conv:${id}:state`, "{not json");
    expect(await conversations.load(id)).toBeNull();
  });

  it("reads a dossier link that is not JSON as absent, and erases it with its conversation", async () => {
    const { dossiers } = await open();
    const id = newId();
    const code = `HS-${newId()}`;
    await client.set(`${backend.prefix}dossier:${code}`, "{not json");
    await client.sAdd(`${backend.prefix}conv:${id}:dossiers`, code);
    expect(await dossiers.byCode(code)).toBeNull();
    expect(await dossiers.linksFor(id)).toEqual([]);
    await dossiers.deleteConversation(id);
    expect(
      await client.exists([`${backend.prefix}dossier:${code}`, `${backend.prefix}conv:${id}:dossiers`]),
    ).toBe(0);
  });

  it("keeps a dossier code relinked over a damaged link when the old conversation is erased", async () => {
    const { dossiers } = await open();
    const [a, b] = [newId(), newId()];
    const code = `HS-${newId()}`;
    await client.set(`${backend.prefix}dossier:${code}`, "{not json");
    await client.sAdd(`${backend.prefix}conv:${a}:dossiers`, code);
    const link = { code, conversationId: b, procedure: "p", accessToken: "tok", createdAt: 1 };
    await dossiers.link(link);
    await dossiers.deleteConversation(a);
    expect(await dossiers.byCode(code)).toEqual(link);
    expect(await dossiers.linksFor(a)).toEqual([]);
    expect(await dossiers.linksFor(b)).toEqual([link]);
  });

  it("moves a relinked dossier code out of the previous conversation's set", async () => {
    const { dossiers } = await open();
    const [a, b] = [newId(), newId()];
    const link = {
      code: `HS-${newId()}`,
      conversationId: a,
      procedure: "p",
      accessToken: "tok",
      createdAt: 1,
    };
    await dossiers.link(link);
    await dossiers.link({ ...link, conversationId: b });
    expect(await client.sMembers(`${backend.prefix}conv:${a}:dossiers`)).toEqual([]);
    expect(await client.sMembers(`${backend.prefix}conv:${b}:dossiers`)).toEqual([link.code]);
    expect(await client.ttl(`${backend.prefix}dossier:${link.code}`)).toBeGreaterThan(0);
  });

  it("fails fast at start-up when nothing answers", async () => {
    const started = performance.now();
    await expect(createRedisStores({ url: "redis://127.0.0.1:1", ttlSeconds: 60 })).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(5000);
  });

  describe("open-ticket index", () => {
    const openBrief = storesFactory(() => backend.makeWith({ ttlSeconds: 1 }));
    const legacyPrefix = `${backend.prefix}legacy:`;
    const openLegacy = storesFactory(() => backend.makeWith({ keyPrefix: legacyPrefix }));
    const olderPrefix = `${backend.prefix}older:`;
    const openOlder = storesFactory(() => backend.makeWith({ keyPrefix: olderPrefix }));
    const index = `${backend.prefix}open-handoffs`;
    const hash = (id: string) => `${backend.prefix}handoff:${id}`;
    const indexed = () => client.zRange(index, 0, -1);
    /** Waits for Redis to expire a key (the deadline is for a stuck test, not a speed requirement). */
    const expired = (key: string) => until(async () => (await client.exists(key)) === 0, `${key} to expire`);

    it("forgets a ticket whose keys expired when open tickets are listed, and keeps live ones", async () => {
      const [lasting, brief] = [await open(), await openBrief()];
      const live = await lasting.handoffs.open(ticket(newId()), 1);
      const gone = await brief.handoffs.open(ticket(newId()), 2);
      expect(await indexed()).toEqual(expect.arrayContaining([live.id, gone.id]));
      await expired(hash(gone.id));
      const listed = (await lasting.handoffs.listOpen()).map((t) => t.id);
      expect(listed).toContain(live.id);
      expect(listed).not.toContain(gone.id);
      expect(await indexed()).toContain(live.id);
      expect(await indexed()).not.toContain(gone.id);
    });

    it("also forgets expired tickets when a ticket is opened, with no listing at all", async () => {
      const [lasting, brief] = [await open(), await openBrief()];
      const gone = await brief.handoffs.open(ticket(newId()), 1);
      await expired(hash(gone.id));
      const next = await lasting.handoffs.open(ticket(newId()), 2);
      expect(await indexed()).toContain(next.id);
      expect(await indexed()).not.toContain(gone.id);
    });

    it("expires the index itself with its last ticket, listed or not", async () => {
      const prefix = `${backend.prefix}alone:`;
      const stores = await backend.makeWith({ ttlSeconds: 1, keyPrefix: prefix });
      try {
        const t = await stores.handoffs.open(ticket(newId()), 1);
        expect(await client.zRange(`${prefix}open-handoffs`, 0, -1)).toEqual([t.id]);
        expect(await client.pTTL(`${prefix}open-handoffs`)).toBeGreaterThan(0);
        await expired(`${prefix}open-handoffs`);
        expect(await client.exists(`${prefix}handoff:${t.id}`)).toBe(0);
      } finally {
        await stores.close();
      }
    });

    it("keeps open tickets scored in the past (older data by createdAt) and re-scores them", async () => {
      const olderIndex = `${olderPrefix}open-handoffs`;
      const { handoffs } = await openOlder();
      const [x, y] = [newId(), newId()];
      const [a, b] = [await handoffs.open(ticket(newId()), 1), await handoffs.open(ticket(x), 2)];
      const done = await handoffs.open(ticket(y), 3);
      await handoffs.close(done.id, 4);
      // As the index was written before: scored by createdAt, long past, and no ttl.
      await client.del(olderIndex);
      await client.zAdd(olderIndex, [
        { score: a.createdAt, value: a.id },
        { score: b.createdAt, value: b.id },
      ]);
      // A write that opens no ticket (moving a conversation whose ticket is closed) keeps them.
      await handoffs.moveConversation(y, newId(), "web", 5);
      expect((await client.zRange(olderIndex, 0, -1)).sort()).toEqual([a.id, b.id].sort());
      expect(await handoffs.listOpen()).toEqual([a, b]);
      expect(await client.zScore(olderIndex, a.id)).toBeGreaterThan(Date.now());
      expect(await client.pTTL(olderIndex)).toBeGreaterThan(0);
      // A transcript line restarts the ticket's ttl, and its expiry in the index with it.
      await client.zAdd(olderIndex, { score: b.createdAt, value: b.id });
      await handoffs.appendTranscript(b.id, { from: "citizen", text: "còn đó không", at: 6 });
      expect(await client.zScore(olderIndex, b.id)).toBeGreaterThan(Date.now());
    });

    it("drops an erased or closed ticket from the index", async () => {
      const { handoffs } = await open();
      const [erased, closed] = [
        await handoffs.open(ticket(newId()), 1),
        await handoffs.open(ticket(newId()), 2),
      ];
      await handoffs.deleteConversation(erased.conversationId);
      await handoffs.close(closed.id, 3);
      expect(await indexed()).not.toContain(erased.id);
      expect(await indexed()).not.toContain(closed.id);
    });

    it("turns an index left as a plain set into a sorted set, on reads and on every write", async () => {
      const legacy = `${legacyPrefix}open-handoffs`;
      const { handoffs } = await openLegacy();
      const [a, b, c] = [newId(), newId(), newId()];
      const [ta, tb] = [await handoffs.open(ticket(a), 1), await handoffs.open(ticket(b), 2)];
      const asSet = async (...ids: string[]) => {
        await client.del(legacy);
        await client.sAdd(legacy, ids);
      };
      await asSet(ta.id, tb.id, "expired-long-ago");
      expect(await handoffs.listOpen()).toEqual([ta, tb]);
      expect(await client.type(legacy)).toBe("zset");
      expect((await client.zRange(legacy, 0, -1)).sort()).toEqual([ta.id, tb.id].sort());
      expect(await client.pTTL(legacy)).toBeGreaterThan(0);

      const writes: Array<() => Promise<unknown>> = [
        () => handoffs.appendTranscript(tb.id, { from: "staff", text: "chào", at: 3 }),
        () => handoffs.open(ticket(c), 4),
        () => handoffs.close(ta.id, 5),
        () => handoffs.moveConversation(b, a, "web", 6),
        () => handoffs.deleteConversation(c),
      ];
      for (const write of writes) {
        await asSet(...(await handoffs.listOpen()).map((t) => t.id));
        await write();
        expect(["zset", "none"]).toContain(await client.type(legacy));
      }
      expect((await handoffs.listOpen()).map((t) => t.id)).toEqual([tb.id]);
      await handoffs.deleteConversation(a);
      expect(await client.exists(legacy)).toBe(0);
    });
  });
});

const ownRedis = reachable && redisServerInstalled();

describe.runIf(ownRedis)("redis backend while Redis is down", () => {
  it("refuses commands at once instead of queueing them: no write lands after Redis is back", async () => {
    const redis = await startOwnRedis();
    const stores = await createRedisStores({ url: redis.url, ttlSeconds: 60 });
    try {
      const id = newId();
      await redis.stop("SIGKILL");
      await until(async () => !(await stores.ping()), "the client to see Redis gone");
      const write = stores.conversations.save(id, initialState(1)).then(
        () => "saved",
        () => "refused",
      );
      await redis.start();
      expect(await write).toBe("refused");
      await until(() => stores.ping(), "the client to reconnect");
      expect(await stores.conversations.load(id)).toBeNull();
      await stores.conversations.save(id, initialState(2));
      expect(await stores.conversations.load(id)).toEqual(initialState(2));
    } finally {
      await stores.close().catch(() => undefined);
      await redis.stop("SIGKILL");
    }
  }, 60_000);
});
