// What only the Redis backend promises: several processes share state and the lock, the lock is
// bounded, extended while held and released only by its holder, and every key expires or is erased.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { initialState } from "../../src/core/dialogue/state.js";
import type { Stores } from "../../src/core/ports.js";
import { LockTimeoutError, createRedisStores } from "../../src/storage/index.js";
import { rawRedis, redisBackend, redisReachable, warnRedisSkipped } from "../helpers/stores.js";
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
    const keys = (await client.keys(`${backend.prefix}*`)).filter((k) => !k.endsWith("open-handoffs"));
    expect(keys.some((k) => k.includes(id ?? "?"))).toBe(true);
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
});
