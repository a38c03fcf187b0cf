// The one contract every storage backend must meet, run by sqlite.test.ts and redis.test.ts:
// conversations with expiry, the per-conversation lock, and ping/close. Records, mailboxes… in ./*-contract.ts.
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { initialState, type ConversationState } from "../../src/core/dialogue/state.js";
import type { Stores } from "../../src/core/ports.js";
import { attachmentsContract } from "./attachments-contract.js";
import { mailboxContract } from "./mailbox-contract.js";
import { newId, recordsContract, type ExpiryHarness } from "./records-contract.js";
import { resumeContract } from "./resume-contract.js";

export { newId, type ExpiryHarness } from "./records-contract.js";

/** How a backend's test file plugs into the contract. */
export interface Backend {
  readonly make: () => Promise<Stores>;
  readonly expiry: ExpiryHarness;
}

/** Opens stores through `make` and closes them after each test. */
export function storesFactory(make: () => Promise<Stores>): () => Promise<Stores> {
  const opened: Stores[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  return async () => {
    const stores = await make();
    opened.push(stores);
    return stores;
  };
}

const state = (turns: number): ConversationState => ({
  ...initialState(1_700_000_000_000),
  turns,
  topic: "khai-sinh",
});

/** Registers the whole store contract for one backend. */
export function storesContract(name: string, make: () => Promise<Stores>, expiry: ExpiryHarness): void {
  describe(`stores contract: ${name}`, () => {
    const open = storesFactory(make);
    const openExpiring = storesFactory(() => expiry.make());

    describe("conversations", () => {
      it("saves, loads, overwrites and deletes a state", async () => {
        const { conversations } = await open();
        const id = newId();
        expect(await conversations.load(id)).toBeNull();
        await conversations.save(id, state(1));
        expect(await conversations.load(id)).toEqual(state(1));
        await conversations.save(id, state(2));
        expect(await conversations.load(id)).toEqual(state(2));
        await conversations.delete(id);
        expect(await conversations.load(id)).toBeNull();
      });

      it("reads a damaged or outdated state as absent", async () => {
        const { conversations } = await open();
        const [outdated, damaged] = [newId(), newId()];
        await conversations.save(outdated, { ...state(1), v: 0 } as unknown as ConversationState);
        await conversations.save(damaged, { v: 1, lang: "fr" } as unknown as ConversationState);
        expect(await conversations.load(outdated)).toBeNull();
        expect(await conversations.load(damaged)).toBeNull();
      });

      it("forgets a conversation ttl after its last save (each save extends it)", async () => {
        const { conversations } = await openExpiring();
        const id = newId();
        await conversations.save(id, state(1));
        await expiry.advance(expiry.ttlSeconds * 0.5);
        await conversations.save(id, state(2));
        await expiry.advance(expiry.ttlSeconds * 0.5);
        expect(await conversations.load(id)).toEqual(state(2));
        await expiry.advance(expiry.ttlSeconds * 0.8);
        expect(await conversations.load(id)).toBeNull();
      });
    });

    describe("lock", () => {
      const turn = (stores: Stores, id: string, label: string, events: string[], ms: number) =>
        stores.locks.run(id, async () => {
          events.push(`${label}:start`);
          await sleep(ms);
          events.push(`${label}:end`);
          return label;
        });

      it("runs turns of one conversation one at a time and returns their results", async () => {
        const stores = await open();
        const id = newId();
        const events: string[] = [];
        const results = await Promise.all(["a", "b", "c"].map((l) => turn(stores, id, l, events, 40)));
        expect(results).toEqual(["a", "b", "c"]);
        for (let i = 0; i < events.length; i += 2) {
          expect(events[i + 1]).toBe(events[i]?.replace(":start", ":end"));
        }
      });

      it("does not make other conversations wait", async () => {
        const { locks } = await open();
        let openGate!: () => void;
        const gate = new Promise<void>((resolve) => (openGate = resolve));
        const slow = locks.run(newId(), () =>
          Promise.race([gate.then(() => "opened"), sleep(3000, "stuck")]),
        );
        const fast = locks.run(newId(), () => Promise.resolve(openGate()));
        expect(await Promise.all([slow, fast])).toEqual(["opened", undefined]);
      });

      it("releases the lock when the turn throws", async () => {
        const { locks } = await open();
        const id = newId();
        await expect(locks.run(id, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
        const started = performance.now();
        expect(await locks.run(id, () => Promise.resolve("again"))).toBe("again");
        expect(performance.now() - started).toBeLessThan(1000);
      });
    });

    recordsContract(open, openExpiring, expiry);
    resumeContract(open, openExpiring, expiry);
    attachmentsContract(open, openExpiring, expiry);
    mailboxContract(open, openExpiring, expiry);

    describe("health", () => {
      it("answers ping while open and not after close", async () => {
        const stores = await make();
        expect(await stores.ping()).toBe(true);
        await stores.close();
        expect(await stores.ping()).toBe(false);
        await stores.close(); // closing twice is harmless
      });
    });
  });
}
