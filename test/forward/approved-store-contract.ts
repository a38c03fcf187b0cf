// The approved-answer store contract, run against SQLite and Redis by approved-store.test.ts: put,
// get, list (newest approval first), replace, delete, and entries never returned once expired.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { ApprovedAnswer, ApprovedAnswerStore } from "../../src/core/ports.js";

/** A backend under test: a fresh store, its clock, and a way to let time pass. */
export interface ApprovedHarness {
  make(): Promise<{ store: ApprovedAnswerStore; close: () => Promise<void> }>;
  /** Two stores over the same data, as two processes (or instances) would have them. */
  makePair(): Promise<{ stores: [ApprovedAnswerStore, ApprovedAnswerStore]; close: () => Promise<void> }>;
  now(): number;
  advance(seconds: number): Promise<void>;
}

/** An answer approved at `now` that expires `validMs` later. */
export function answerFor(now: number, validMs: number, over: Partial<ApprovedAnswer> = {}): ApprovedAnswer {
  return {
    id: `test-${randomUUID()}`,
    question: "Làm giấy khai sinh cần giấy tờ gì?",
    procedure: "khai-sinh",
    answer: "Anh/chị mang tờ khai, giấy chứng sinh và căn cước.",
    reviewer: "Nguyễn Thị Lan",
    approvedAt: now,
    expiresAt: now + validMs,
    ...over,
  };
}

export function approvedStoreContract(name: string, harness: ApprovedHarness): void {
  describe(`approved answers contract: ${name}`, () => {
    const opened: Array<() => Promise<void>> = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((close) => close()));
    });
    const open = async (): Promise<ApprovedAnswerStore> => {
      const { store, close } = await harness.make();
      opened.push(close);
      return store;
    };

    it("stores, reads back, lists newest approval first and replaces by id", async () => {
      const store = await open();
      const now = harness.now();
      const older = answerFor(now - 60_000, 3_600_000, { question: "Lệ phí khai sinh?" });
      const newer = answerFor(now, 3_600_000, { procedure: null });
      await store.put(older);
      await store.put(newer);
      expect(await store.get(older.id)).toEqual(older);
      expect(await store.get(newer.id)).toEqual(newer);
      const mine = (await store.list()).filter((a) => a.id === older.id || a.id === newer.id);
      expect(mine).toEqual([newer, older]);
      const edited = { ...older, answer: "Miễn lệ phí khi khai sinh đúng hạn." };
      await store.put(edited);
      expect(await store.get(older.id)).toEqual(edited);
      expect((await store.list()).filter((a) => a.id === older.id)).toEqual([edited]);
    });

    it("deletes once: true, then false; unknown ids read as absent", async () => {
      const store = await open();
      const a = answerFor(harness.now(), 3_600_000);
      await store.put(a);
      expect(await store.delete(a.id)).toBe(true);
      expect(await store.delete(a.id)).toBe(false);
      expect(await store.get(a.id)).toBeNull();
      expect((await store.list()).some((x) => x.id === a.id)).toBe(false);
      expect(await store.get(`test-${randomUUID()}`)).toBeNull();
    });

    it("never returns an answer after its expiresAt, and keeps the others", async () => {
      const store = await open();
      const now = harness.now();
      const short = answerFor(now, 1_000);
      const long = answerFor(now, 3_600_000);
      await store.put(short);
      await store.put(long);
      expect((await store.list()).map((a) => a.id)).toEqual(expect.arrayContaining([short.id, long.id]));
      await harness.advance(1.5);
      expect(await store.get(short.id)).toBeNull();
      const ids = (await store.list()).map((a) => a.id);
      expect(ids).toContain(long.id);
      expect(ids).not.toContain(short.id);
      expect(await store.get(long.id)).toEqual(long);
    });

    it("shows a write through one instance to the other at once (whatever it keeps in memory)", async () => {
      const { stores, close } = await harness.makePair();
      opened.push(close);
      const [a, b] = stores;
      const first = answerFor(harness.now(), 3_600_000);
      await a.put(first);
      expect((await b.list()).map((x) => x.id)).toContain(first.id);
      const second = answerFor(harness.now() + 1, 3_600_000, { answer: "Câu trả lời mới." });
      await a.put(second);
      await a.put({ ...first, answer: "Đã sửa." });
      const seen = await b.list();
      expect(seen.find((x) => x.id === second.id)).toEqual(second);
      expect(seen.find((x) => x.id === first.id)?.answer).toBe("Đã sửa.");
      expect(await b.delete(second.id)).toBe(true);
      expect((await a.list()).map((x) => x.id)).not.toContain(second.id);
    });

    it("does not store an answer that has already expired", async () => {
      const store = await open();
      const stale = answerFor(harness.now() - 10_000, -1);
      await store.put(stale);
      expect(await store.get(stale.id)).toBeNull();
      expect((await store.list()).some((a) => a.id === stale.id)).toBe(false);
    });
  });
}
