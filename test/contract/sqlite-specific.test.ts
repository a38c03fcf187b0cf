// What only the SQLite backend promises: data survives a restart, expired rows are swept from the
// file, erasure leaves no row behind, and the in-process lock is bounded and leaves nothing idle.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { initialState } from "../../src/core/dialogue/state.js";
import { LockTimeoutError, createSqliteStores } from "../../src/storage/index.js";
import { createMemoryLock } from "../../src/storage/sqlite/lock.js";
import { tempDir } from "../helpers/tmp.js";
import { newId, storesFactory } from "./stores-contract.js";

const dir = tempDir("motcua-sqlite-");
let files = 0;
const newPath = (): string => join(dir, `case-${++files}`, "motcua.sqlite");
const open = storesFactory(() => Promise.resolve(createSqliteStores({ path: newPath(), ttlSeconds: 3600 })));

/** Rows of a conversation (and of its ticket's transcript) per table, via a separate connection. */
function rowsOf(path: string, conversationId: string, ticketId: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const count = (sql: string, key = conversationId): number =>
      db.prepare<[string], { n: number }>(sql).get(key)?.n ?? -1;
    return {
      conversations: count("SELECT count(*) AS n FROM conversations WHERE id = ?"),
      handoffs: count("SELECT count(*) AS n FROM handoffs WHERE conversation_id = ?"),
      transcripts: count("SELECT count(*) AS n FROM transcripts WHERE ticket_id = ?", ticketId),
      forms: count("SELECT count(*) AS n FROM forms WHERE conversation_id = ?"),
      dossiers: count("SELECT count(*) AS n FROM dossiers WHERE conversation_id = ?"),
      outbox: count("SELECT count(*) AS n FROM outbox WHERE conversation_id = ?"),
    };
  } finally {
    db.close();
  }
}

const NONE = { conversations: 0, handoffs: 0, transcripts: 0, forms: 0, dossiers: 0, outbox: 0 };
const ONE_EACH = { conversations: 1, handoffs: 1, transcripts: 1, forms: 1, dossiers: 1, outbox: 1 };

/** Writes one record of every kind for the conversation; returns the ticket id. */
async function fill(stores: ReturnType<typeof createSqliteStores>, id: string): Promise<string> {
  await stores.conversations.save(id, initialState(1));
  const ticket = await stores.handoffs.open(
    { conversationId: id, channel: "web", reason: "requested", procedure: null, summary: "s" },
    1,
  );
  await stores.handoffs.appendTranscript(ticket.id, { from: "citizen", text: "alo", at: 2 });
  await stores.forms.save({
    id: newId(),
    conversationId: id,
    procedure: "p",
    values: { a: "b" },
    confirmedAt: 3,
  });
  await stores.dossiers.link({
    code: `HS-${newId()}`,
    conversationId: id,
    procedure: "p",
    accessToken: "tok",
    createdAt: 4,
  });
  await stores.outbox.push(id, [{ text: "hi" }]);
  return ticket.id;
}

describe("sqlite backend", () => {
  it("creates the folder, uses WAL and keeps everything across a restart", async () => {
    const path = newPath();
    const id = newId();
    const first = createSqliteStores({ path, ttlSeconds: 3600 });
    const ticketId = await fill(first, id);
    await first.close();
    expect(existsSync(path)).toBe(true);

    const second = createSqliteStores({ path, ttlSeconds: 3600 });
    try {
      expect(await second.conversations.load(id)).toEqual(initialState(1));
      expect((await second.handoffs.openFor(id))?.id).toBe(ticketId);
      expect(await second.handoffs.transcript(ticketId)).toHaveLength(1);
      expect(await second.forms.listFor(id)).toHaveLength(1);
      expect(await second.dossiers.linksFor(id)).toHaveLength(1);
      expect(await second.outbox.drain(id)).toEqual([{ text: "hi" }]);
      const raw = new Database(path, { readonly: true });
      expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
      raw.close();
    } finally {
      await second.close();
    }
  });

  it("reads a row that is not JSON as absent", async () => {
    const path = newPath();
    const stores = createSqliteStores({ path, ttlSeconds: 3600 });
    const id = newId();
    await stores.conversations.save(id, initialState(1));
    const raw = new Database(path);
    raw.prepare("UPDATE conversations SET state = '{not json' WHERE id = ?").run(id);
    raw.close();
    expect(await stores.conversations.load(id)).toBeNull();
    await stores.close();
  });

  it("reads a dossier link that is not JSON as absent", async () => {
    const path = newPath();
    const stores = createSqliteStores({ path, ttlSeconds: 3600 });
    const id = newId();
    const link = {
      code: `HS-${newId()}`,
      conversationId: id,
      procedure: "p",
      accessToken: "tok",
      createdAt: 1,
    };
    await stores.dossiers.link(link);
    await stores.dossiers.link({ ...link, code: `HS-${newId()}`, createdAt: 2 });
    const raw = new Database(path);
    raw.prepare("UPDATE dossiers SET link = '{not json' WHERE code = ?").run(link.code);
    raw.close();
    expect(await stores.dossiers.byCode(link.code)).toBeNull();
    expect(await stores.dossiers.linksFor(id)).toHaveLength(1);
    await stores.close();
  });

  it("sweeps expired rows out of the file, transcripts included", async () => {
    const path = newPath();
    let clock = 1_000_000;
    const stores = createSqliteStores({ path, ttlSeconds: 60, now: () => clock });
    const [old, recent] = [newId(), newId()];
    const oldTicket = await fill(stores, old);
    clock += 61_000;
    const recentTicket = await fill(stores, recent); // its save sweeps (at most once a minute)
    expect(rowsOf(path, old, oldTicket)).toEqual(NONE);
    expect(rowsOf(path, recent, recentTicket)).toEqual(ONE_EACH);
    await stores.close();
  });

  it("erases every row of a conversation, leaving the others", async () => {
    const path = newPath();
    const stores = createSqliteStores({ path, ttlSeconds: 3600 });
    const [gone, kept] = [newId(), newId()];
    const goneTicket = await fill(stores, gone);
    const keptTicket = await fill(stores, kept);
    await stores.handoffs.deleteConversation(gone);
    await stores.forms.deleteConversation(gone);
    await stores.dossiers.deleteConversation(gone);
    await stores.outbox.deleteConversation(gone);
    await stores.conversations.delete(gone);
    expect(rowsOf(path, gone, goneTicket)).toEqual(NONE);
    expect(rowsOf(path, kept, keptTicket)).toEqual(ONE_EACH);
    await stores.close();
  });

  it("lets many conversations run while one turn is slow", async () => {
    const { locks } = await open();
    const slowId = newId();
    const slow = locks.run(slowId, () => sleep(400, "slow"));
    const started = performance.now();
    const others = await Promise.all(
      Array.from({ length: 20 }, (_, i) => locks.run(newId(), () => sleep(20, i))),
    );
    expect(performance.now() - started).toBeLessThan(300);
    expect(others).toHaveLength(20);
    expect(await slow).toBe("slow");
  });
});

describe("in-process lock", () => {
  it("bounds the wait with LockTimeoutError without disturbing the holder", async () => {
    const lock = createMemoryLock(50);
    const id = newId();
    const events: string[] = [];
    const holder = lock.run(id, async () => {
      await sleep(150);
      events.push("holder");
    });
    const impatient = lock.run(id, () => Promise.resolve(events.push("impatient")));
    await expect(impatient).rejects.toBeInstanceOf(LockTimeoutError);
    await holder;
    expect(events).toEqual(["holder"]);
  });

  it("leaves no entry behind once conversations are idle", async () => {
    const lock = createMemoryLock(1000);
    const ids = [newId(), newId()];
    const turns = ids.flatMap((id) => [
      lock.run(id, () => sleep(10)),
      lock.run(id, () => Promise.reject(new Error("boom"))).catch(() => undefined),
    ]);
    expect(lock.size).toBe(2);
    await Promise.all(turns);
    await sleep(0);
    expect(lock.size).toBe(0);
  });
});
