// Part of the store contract: handoff tickets with transcripts, confirmed forms, dossier links, the
// outbox, their expiry, and erasing a conversation everywhere without touching another one.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { initialState } from "../../src/core/dialogue/state.js";
import type { Reply } from "../../src/core/messages.js";
import type { ConfirmedForm, DossierLink, Stores } from "../../src/core/ports.js";

/** Stores whose ttl is short, and a way to let time pass (fake clock or real sleep). */
export interface ExpiryHarness {
  readonly ttlSeconds: number;
  make(): Promise<Stores>;
  advance(seconds: number): Promise<void>;
}

/** A conversation id nobody else uses (Redis backends share one prefix across tests). */
export const newId = (): string => `test:${randomUUID()}`;

const ticketFor = (conversationId: string, procedure: string | null = "khai-sinh") => ({
  conversationId,
  channel: "web",
  reason: "requested",
  procedure,
  summary: "Hỏi về giấy khai sinh",
});

const formFor = (conversationId: string, confirmedAt: number): ConfirmedForm => ({
  id: newId(),
  conversationId,
  procedure: "khai-sinh",
  values: { hoTen: "Nguyễn Văn A", ngaySinh: "01/02/2024" },
  confirmedAt,
});

const linkFor = (conversationId: string, createdAt: number, code = `HS-${randomUUID()}`): DossierLink => ({
  code,
  conversationId,
  procedure: "khai-sinh",
  accessToken: `tok-${randomUUID()}`,
  createdAt,
});

const replies: Reply[] = [
  { text: "Cán bộ đã trả lời." },
  { text: "Chọn một", options: [{ id: "1", label: "Có" }], links: [{ url: "https://x.vn", label: "x" }] },
  { text: "Biên nhận", files: [{ name: "bn.pdf", mime: "application/pdf", url: "/files/bn.pdf" }] },
];

/** Fills every store for one conversation; returns the ids created. */
async function populate(stores: Stores, conversationId: string) {
  await stores.conversations.save(conversationId, initialState(1));
  const closed = await stores.handoffs.open(ticketFor(conversationId), 1000);
  await stores.handoffs.appendTranscript(closed.id, { from: "citizen", text: "xin chào", at: 1001 });
  await stores.handoffs.close(closed.id, 1002);
  const ticket = await stores.handoffs.open(ticketFor(conversationId), 2000);
  await stores.handoffs.appendTranscript(ticket.id, { from: "staff", text: "chào anh", at: 2001 });
  const form = formFor(conversationId, 3000);
  await stores.forms.save(form);
  const dossier = linkFor(conversationId, 4000);
  await stores.dossiers.link(dossier);
  await stores.outbox.push(conversationId, replies);
  return { tickets: [closed.id, ticket.id], form, dossier };
}

/** Expects nothing of the conversation to be readable any more. */
async function expectGone(stores: Stores, conversationId: string, ids: Awaited<ReturnType<typeof populate>>) {
  expect(await stores.conversations.load(conversationId)).toBeNull();
  expect(await stores.handoffs.openFor(conversationId)).toBeNull();
  for (const id of ids.tickets) {
    expect(await stores.handoffs.get(id)).toBeNull();
    expect(await stores.handoffs.transcript(id)).toEqual([]);
  }
  const open = await stores.handoffs.listOpen();
  expect(open.filter((t) => t.conversationId === conversationId)).toEqual([]);
  expect(await stores.forms.get(ids.form.id)).toBeNull();
  expect(await stores.forms.listFor(conversationId)).toEqual([]);
  expect(await stores.dossiers.byCode(ids.dossier.code)).toBeNull();
  expect(await stores.dossiers.linksFor(conversationId)).toEqual([]);
  expect(await stores.outbox.drain(conversationId)).toEqual([]);
}

/** Registers the record parts of the contract (called by storesContract). */
export function recordsContract(
  open: () => Promise<Stores>,
  openExpiring: () => Promise<Stores>,
  expiry: ExpiryHarness,
): void {
  describe("handoffs", () => {
    it("opens one ticket per conversation, lists open ones oldest first, closes", async () => {
      const { handoffs } = await open();
      const [a, b] = [newId(), newId()];
      const late = await handoffs.open(ticketFor(a), 2000);
      expect(late).toMatchObject({ ...ticketFor(a), status: "open", createdAt: 2000, closedAt: null });
      expect(await handoffs.open(ticketFor(a, "ket-hon"), 2500)).toEqual(late);
      const early = await handoffs.open(ticketFor(b, null), 1000);
      expect(early.procedure).toBeNull();
      expect(await handoffs.get(late.id)).toEqual(late);
      expect(await handoffs.openFor(a)).toEqual(late);
      const mine = (await handoffs.listOpen()).filter((t) => [a, b].includes(t.conversationId));
      expect(mine).toEqual([early, late]);

      const closed = await handoffs.close(late.id, 3000);
      expect(closed).toEqual({ ...late, status: "closed", closedAt: 3000 });
      expect(await handoffs.close(late.id, 4000)).toEqual(closed);
      expect(await handoffs.openFor(a)).toBeNull();
      expect((await handoffs.listOpen()).map((t) => t.id)).not.toContain(late.id);
      const again = await handoffs.open(ticketFor(a), 5000);
      expect(again.id).not.toBe(late.id);
      expect(await handoffs.get(late.id)).toEqual(closed);
    });

    it("answers null for unknown tickets", async () => {
      const { handoffs } = await open();
      expect(await handoffs.get(newId())).toBeNull();
      expect(await handoffs.close(newId(), 1)).toBeNull();
      expect(await handoffs.openFor(newId())).toBeNull();
    });

    it("keeps transcript lines in order, and drops lines of unknown tickets", async () => {
      const { handoffs } = await open();
      const ticket = await handoffs.open(ticketFor(newId()), 1000);
      const lines = [
        { from: "citizen", text: "tôi cần hỏi", at: 1 },
        { from: "bot", text: "đã chuyển cán bộ", at: 2 },
        { from: "staff", text: "chào anh", at: 3 },
      ] as const;
      for (const line of lines) await handoffs.appendTranscript(ticket.id, line);
      expect(await handoffs.transcript(ticket.id)).toEqual(lines);
      const unknown = newId();
      await handoffs.appendTranscript(unknown, lines[0]);
      expect(await handoffs.transcript(unknown)).toEqual([]);
    });
  });

  describe("forms", () => {
    it("saves, gets, replaces and lists a conversation's forms in confirmation order", async () => {
      const { forms } = await open();
      const id = newId();
      const [second, first] = [formFor(id, 2000), formFor(id, 1000)];
      await forms.save(second);
      await forms.save(first);
      await forms.save(formFor(newId(), 1500));
      expect(await forms.get(first.id)).toEqual(first);
      expect(await forms.listFor(id)).toEqual([first, second]);
      const corrected = { ...second, values: { hoTen: "Nguyễn Văn B" } };
      await forms.save(corrected);
      expect(await forms.listFor(id)).toEqual([first, corrected]);
      expect(await forms.get(newId())).toBeNull();
    });
  });

  describe("dossiers", () => {
    it("links, finds by code and lists a conversation's dossiers newest first", async () => {
      const { dossiers } = await open();
      const [a, b] = [newId(), newId()];
      const oldest = linkFor(a, 1000);
      const newest = linkFor(a, 3000);
      const tiedB = linkFor(a, 2000, `HS-B-${randomUUID()}`);
      const tiedA = linkFor(a, 2000, `HS-A-${randomUUID()}`);
      const other = linkFor(b, 2500);
      for (const link of [tiedB, oldest, newest, other, tiedA]) await dossiers.link(link);
      expect(await dossiers.byCode(newest.code)).toEqual(newest);
      expect(await dossiers.byCode(other.code)).toEqual(other);
      expect(await dossiers.linksFor(a)).toEqual([newest, tiedA, tiedB, oldest]);
      expect(await dossiers.linksFor(b)).toEqual([other]);
      expect(await dossiers.byCode(`HS-${randomUUID()}`)).toBeNull();
      expect(await dossiers.linksFor(newId())).toEqual([]);
    });

    it("replaces a link by code, and moves a code linked again from another conversation", async () => {
      const { dossiers } = await open();
      const [a, b] = [newId(), newId()];
      const kept = linkFor(a, 1000);
      const first = linkFor(a, 2000);
      await dossiers.link(kept);
      await dossiers.link(first);
      const replaced = { ...first, procedure: "ket-hon", accessToken: "tok-new", createdAt: 2500 };
      await dossiers.link(replaced);
      expect(await dossiers.byCode(first.code)).toEqual(replaced);
      expect(await dossiers.linksFor(a)).toEqual([replaced, kept]);

      const moved = { ...replaced, conversationId: b, createdAt: 3000 };
      await dossiers.link(moved);
      expect(await dossiers.byCode(first.code)).toEqual(moved);
      expect(await dossiers.linksFor(a)).toEqual([kept]);
      expect(await dossiers.linksFor(b)).toEqual([moved]);

      await dossiers.deleteConversation(a); // the moved code is b's now
      expect(await dossiers.byCode(kept.code)).toBeNull();
      expect(await dossiers.byCode(moved.code)).toEqual(moved);
      expect(await dossiers.linksFor(b)).toEqual([moved]);
      await dossiers.deleteConversation(b);
      expect(await dossiers.byCode(moved.code)).toBeNull();
    });

    it("lists the most recent links across conversations, newest first, without erased ones", async () => {
      const { dossiers } = await open();
      const [a, b] = [newId(), newId()];
      // Far in the future, so links written by other tests sharing the backend come after these.
      const base = 9e15;
      const oldest = linkFor(a, base + 1000);
      const middle = linkFor(b, base + 2000);
      const newest = linkFor(a, base + 3000);
      const tiedB = linkFor(b, base + 2500, `HS-B-${randomUUID()}`);
      const tiedA = linkFor(a, base + 2500, `HS-A-${randomUUID()}`);
      for (const link of [middle, tiedB, newest, oldest, tiedA]) await dossiers.link(link);
      expect(await dossiers.recent(5)).toEqual([newest, tiedA, tiedB, middle, oldest]);
      expect(await dossiers.recent(1)).toEqual([newest]);
      expect(await dossiers.recent(0)).toEqual([]);

      await dossiers.deleteConversation(a);
      expect(await dossiers.recent(2)).toEqual([tiedB, middle]);
      const moved = { ...middle, conversationId: newId(), createdAt: base + 4000 };
      await dossiers.link(moved);
      expect(await dossiers.recent(2)).toEqual([moved, tiedB]);
      await dossiers.deleteConversation(b);
      await dossiers.deleteConversation(moved.conversationId);
    });

    it("keeps the last status seen, and reads links written without one", async () => {
      const { dossiers } = await open();
      const id = newId();
      const old = linkFor(id, 1000); // written before lastStatus existed
      const seen = { ...linkFor(id, 2000), lastStatus: 2 };
      await dossiers.link(old);
      await dossiers.link(seen);
      expect(await dossiers.byCode(old.code)).toEqual(old);
      expect((await dossiers.byCode(old.code))?.lastStatus).toBeUndefined();
      expect(await dossiers.byCode(seen.code)).toEqual(seen);
      await dossiers.link({ ...seen, lastStatus: 5 });
      expect((await dossiers.byCode(seen.code))?.lastStatus).toBe(5);
      expect(await dossiers.linksFor(id)).toEqual([{ ...seen, lastStatus: 5 }, old]);
      await dossiers.deleteConversation(id);
    });

    it("reads a damaged link as absent, keeping the conversation's other links", async () => {
      const { dossiers } = await open();
      const id = newId();
      const good = linkFor(id, 1000);
      const damaged = [
        { ...linkFor(id, 2000), createdAt: "yesterday" },
        { ...linkFor(id, 3000), accessToken: 42 },
        { ...linkFor(id, 4000), procedure: null },
      ] as unknown as DossierLink[];
      await dossiers.link(good);
      for (const link of damaged) await dossiers.link(link);
      for (const link of damaged) expect(await dossiers.byCode(link.code)).toBeNull();
      expect(await dossiers.linksFor(id)).toEqual([good]);
      await dossiers.deleteConversation(id);
      expect(await dossiers.linksFor(id)).toEqual([]);
    });

    it("never puts the access token in an error", async () => {
      const stores = await open();
      await stores.close();
      const link = linkFor(newId(), 1000);
      const error: unknown = await stores.dossiers.link(link).then(
        () => null,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(Error);
      const { message, stack } = error as Error;
      expect(`${message}\n${stack ?? ""}`).not.toContain(link.accessToken);
    });
  });

  describe("outbox", () => {
    it("drains everything waiting, oldest first, exactly once", async () => {
      const { outbox } = await open();
      const id = newId();
      await outbox.push(id, replies.slice(0, 2));
      await outbox.push(id, []);
      await outbox.push(id, replies.slice(2));
      await outbox.push(newId(), replies);
      const [one, two] = await Promise.all([outbox.drain(id), outbox.drain(id)]);
      expect([...one, ...two]).toEqual(replies);
      expect(await outbox.drain(id)).toEqual([]);
    });
  });

  describe("seen-log", () => {
    it("lets exactly one of many concurrent callers claim a key, and forgets on request", async () => {
      const { seen } = await open();
      const key = newId();
      const wins = await Promise.all(Array.from({ length: 8 }, () => seen.firstTime(key, 60)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await seen.has(key)).toBe(true);
      expect(await seen.has(newId())).toBe(false);
      expect(await seen.firstTime(newId(), 60)).toBe(true);
      await seen.forget(key);
      expect(await seen.firstTime(key, 60)).toBe(true);
      expect(await seen.firstTime(key, 60)).toBe(false);
    });

    it("lets a key be claimed again once it expired", async () => {
      const { seen } = await openExpiring();
      const key = newId();
      expect(await seen.firstTime(key, 1)).toBe(true);
      await expiry.advance(1.5);
      expect(await seen.has(key)).toBe(false);
      expect(await seen.firstTime(key, 1)).toBe(true);
      expect(await seen.firstTime(key, 1)).toBe(false);
    });
  });

  describe("expiry and erasure", () => {
    it("forgets tickets, transcripts, forms, dossier links and outbox ttl after their last write", async () => {
      const stores = await openExpiring();
      const id = newId();
      const ids = await populate(stores, id);
      await expiry.advance(expiry.ttlSeconds * 1.3);
      await expectGone(stores, id, ids);
      const fresh = await stores.handoffs.open(ticketFor(id), 9000);
      expect(await stores.handoffs.openFor(id)).toEqual(fresh);
    });

    it("keeps a dossier link ttl after it was last linked (linking again extends it)", async () => {
      const { dossiers } = await openExpiring();
      const id = newId();
      const link = linkFor(id, 1000);
      const other = linkFor(id, 500);
      await dossiers.link(link);
      await dossiers.link(other);
      await expiry.advance(expiry.ttlSeconds * 0.5);
      await dossiers.link(link);
      await expiry.advance(expiry.ttlSeconds * 0.7);
      expect(await dossiers.byCode(other.code)).toBeNull();
      expect(await dossiers.byCode(link.code)).toEqual(link);
      expect(await dossiers.linksFor(id)).toEqual([link]);
      await expiry.advance(expiry.ttlSeconds * 0.6);
      expect(await dossiers.byCode(link.code)).toBeNull();
      expect(await dossiers.linksFor(id)).toEqual([]);
    });

    it("erases each store's data of a conversation, and only that conversation", async () => {
      const stores = await open();
      const [a, b] = [newId(), newId()];
      const idsA = await populate(stores, a);
      const idsB = await populate(stores, b);
      await stores.handoffs.deleteConversation(a);
      expect(await stores.handoffs.openFor(a)).toBeNull();
      expect(await stores.handoffs.transcript(idsA.tickets[0] ?? "")).toEqual([]);
      await stores.forms.deleteConversation(a);
      expect(await stores.forms.listFor(a)).toEqual([]);
      await stores.dossiers.deleteConversation(a);
      expect(await stores.dossiers.linksFor(a)).toEqual([]);
      await stores.outbox.deleteConversation(a);
      await stores.conversations.delete(a);
      await expectGone(stores, a, idsA);

      expect(await stores.conversations.load(b)).toEqual(initialState(1));
      expect((await stores.handoffs.openFor(b))?.id).toBe(idsB.tickets[1]);
      expect(await stores.handoffs.get(idsB.tickets[0] ?? "")).toMatchObject({ status: "closed" });
      expect(await stores.handoffs.transcript(idsB.tickets[0] ?? "")).toHaveLength(1);
      expect(await stores.forms.listFor(b)).toEqual([idsB.form]);
      expect(await stores.dossiers.linksFor(b)).toEqual([idsB.dossier]);
      expect(await stores.dossiers.byCode(idsB.dossier.code)).toEqual(idsB.dossier);
      expect(await stores.outbox.drain(b)).toEqual(replies);
    });

    it("erases a conversation's dossier links and nothing else", async () => {
      const stores = await open();
      const [a, b] = [newId(), newId()];
      const idsA = await populate(stores, a);
      const idsB = await populate(stores, b);
      const second = linkFor(a, 5000);
      await stores.dossiers.link(second);
      await stores.dossiers.deleteConversation(a);
      expect(await stores.dossiers.linksFor(a)).toEqual([]);
      expect(await stores.dossiers.byCode(idsA.dossier.code)).toBeNull();
      expect(await stores.dossiers.byCode(second.code)).toBeNull();

      expect(await stores.conversations.load(a)).toEqual(initialState(1));
      expect((await stores.handoffs.openFor(a))?.id).toBe(idsA.tickets[1]);
      expect(await stores.handoffs.transcript(idsA.tickets[0] ?? "")).toHaveLength(1);
      expect(await stores.forms.listFor(a)).toEqual([idsA.form]);
      expect(await stores.outbox.drain(a)).toEqual(replies);
      expect(await stores.dossiers.linksFor(b)).toEqual([idsB.dossier]);
    });
  });
}
