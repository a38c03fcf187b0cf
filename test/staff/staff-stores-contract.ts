// Contract of the staff-side stores, run against SQLite and Redis: the question log (newest first,
// time window, limit, retention, erasing one conversation) and console sessions (expiry, logout).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { QuestionEvent, Stores } from "../../src/core/ports.js";
import { storesFactory } from "../contract/stores-contract.js";

/** Question-log retention of the stores under test. */
export const RETENTION_SECONDS = 60;

/** Stores over a movable clock with RETENTION_SECONDS of question-log retention. */
export interface StaffStoresHarness {
  make(): Promise<Stores>;
  now(): number;
  advance(seconds: number): void;
}

const conv = (): string => `test:${randomUUID()}`;

/** An event at `at` (ms); every field is filled so a round trip is checked whole. */
export const eventAt = (at: number, over: Partial<QuestionEvent> = {}): QuestionEvent => ({
  id: randomUUID(),
  at,
  channel: "web",
  procedure: "khai-sinh",
  outcome: "answered",
  confidence: 0.73,
  question: "làm giấy khai sinh cần gì",
  ...over,
});

/** Registers the staff-store contract for one backend. */
export function staffStoresContract(name: string, h: StaffStoresHarness): void {
  describe(`staff stores contract: ${name}`, () => {
    const open = storesFactory(() => h.make());

    describe("question log", () => {
      it("returns events newest first within the time window, up to the limit", async () => {
        const { questions } = await open();
        const t = h.now();
        const [a, b, c] = [conv(), conv(), conv()];
        const old = eventAt(t - 5000, { procedure: null, outcome: "not-understood", confidence: null });
        const mid = eventAt(t - 3000, { outcome: "low-confidence", question: null, channel: "telegram" });
        const recent = eventAt(t - 1000, { outcome: "handed-off" });
        await questions.record(a, mid);
        await questions.record(b, old);
        await questions.record(c, recent);
        const mine = (list: QuestionEvent[]) =>
          list.filter((e) => [old, mid, recent].some((x) => x.id === e.id));
        expect(mine(await questions.since(t - 10_000, 100))).toEqual([recent, mid, old]);
        expect(mine(await questions.since(t - 4000, 100))).toEqual([recent, mid]);
        const firstTwo = await questions.since(t - 10_000, 2);
        expect(firstTwo).toHaveLength(2);
        expect(firstTwo[0]?.at).toBeGreaterThanOrEqual(firstTwo[1]?.at ?? Infinity);
        expect(await questions.since(t - 10_000, 0)).toEqual([]);
      });

      it("keeps events of the same instant apart", async () => {
        const { questions } = await open();
        const t = h.now() - 500;
        const id = conv();
        const events = [eventAt(t, { question: "một" }), eventAt(t, { question: "hai" })];
        for (const e of events) await questions.record(id, e);
        const read = (await questions.since(t, 100)).filter((e) => events.some((x) => x.id === e.id));
        expect(read.map((e) => e.question).sort()).toEqual(["hai", "một"]);
      });

      it("erases one conversation's events and keeps the others'", async () => {
        const { questions } = await open();
        const t = h.now();
        const [gone, kept] = [conv(), conv()];
        const goneEvents = [eventAt(t - 300), eventAt(t - 200, { outcome: "not-understood" })];
        const keptEvent = eventAt(t - 100);
        for (const e of goneEvents) await questions.record(gone, e);
        await questions.record(kept, keptEvent);
        await questions.deleteConversation(gone);
        await questions.deleteConversation(conv()); // unknown: nothing happens
        const ids = (await questions.since(t - 1000, 100)).map((e) => e.id);
        expect(ids).toContain(keptEvent.id);
        for (const e of goneEvents) expect(ids).not.toContain(e.id);
      });

      it("forgets events older than the retention", async () => {
        const { questions } = await open();
        const id = conv();
        const first = eventAt(h.now());
        await questions.record(id, first);
        h.advance(RETENTION_SECONDS * 0.6);
        const second = eventAt(h.now());
        await questions.record(id, second);
        h.advance(RETENTION_SECONDS * 0.6);
        const ids = (await questions.since(0, 100)).map((e) => e.id);
        expect(ids).toContain(second.id);
        expect(ids).not.toContain(first.id);
      });
    });

    describe("staff sessions", () => {
      const session = (username: string, ttlMs = 3_600_000) => ({
        username,
        createdAt: h.now(),
        expiresAt: h.now() + ttlMs,
      });

      it("creates, reads and deletes a session by its hash, one at a time", async () => {
        const { staffSessions } = await open();
        const [a, b] = [randomUUID(), randomUUID()];
        expect(await staffSessions.get(a)).toBeNull();
        const sa = session("lan");
        await staffSessions.create(a, sa);
        await staffSessions.create(b, session("bình"));
        expect(await staffSessions.get(a)).toEqual(sa);
        await staffSessions.delete(a);
        expect(await staffSessions.get(a)).toBeNull();
        expect((await staffSessions.get(b))?.username).toBe("bình");
        await staffSessions.delete(randomUUID()); // unknown: nothing happens
      });

      it("reads a session as absent once its expiry passed", async () => {
        const { staffSessions } = await open();
        const id = randomUUID();
        await staffSessions.create(id, session("lan", 30_000));
        h.advance(20);
        expect(await staffSessions.get(id)).not.toBeNull();
        h.advance(11);
        expect(await staffSessions.get(id)).toBeNull();
      });
    });
  });
}
