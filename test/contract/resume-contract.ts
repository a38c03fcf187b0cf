// Part of the store contract: resume codes (issue, take exactly once, expiry, wrong-code counts,
// erasure) and moving a conversation's forms and handoff tickets to another conversation id.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ConfirmedForm, Stores } from "../../src/core/ports.js";
import { newId, type ExpiryHarness } from "./records-contract.js";

/** A code nobody else uses (Redis backends share one prefix across tests). */
const newCode = (): string => `T${randomUUID().slice(0, 8).toUpperCase()}`;

const formFor = (conversationId: string, confirmedAt: number): ConfirmedForm => ({
  id: newId(),
  conversationId,
  procedure: "khai-sinh",
  values: { hoTen: "Nguyễn Văn A" },
  confirmedAt,
});

const ticketFor = (conversationId: string) => ({
  conversationId,
  channel: "web",
  reason: "requested",
  procedure: "khai-sinh",
  summary: "Thủ tục: khai sinh.",
});

/** Registers the resume-code and move parts of the contract (called by storesContract). */
export function resumeContract(
  open: () => Promise<Stores>,
  openExpiring: () => Promise<Stores>,
  expiry: ExpiryHarness,
): void {
  describe("resume codes", () => {
    it("hands a code's conversation out exactly once, and nothing for unknown codes", async () => {
      const { resumeCodes } = await open();
      const [id, code] = [newId(), newCode()];
      expect(await resumeCodes.issue(code, id, 60)).toBe(true);
      expect(await resumeCodes.take(newCode())).toBeNull();
      expect(await resumeCodes.take(code)).toBe(id);
      expect(await resumeCodes.take(code)).toBeNull();
    });

    it("lets exactly one of many concurrent takers have the code", async () => {
      const { resumeCodes } = await open();
      const [id, code] = [newId(), newCode()];
      await resumeCodes.issue(code, id, 60);
      const taken = await Promise.all(Array.from({ length: 8 }, () => resumeCodes.take(code)));
      expect(taken.filter((t) => t !== null)).toEqual([id]);
    });

    it("refuses a code that is live for another conversation, and keeps one code per conversation", async () => {
      const { resumeCodes } = await open();
      const [a, b, first, second] = [newId(), newId(), newCode(), newCode()];
      expect(await resumeCodes.issue(first, a, 60)).toBe(true);
      expect(await resumeCodes.issue(first, b, 60)).toBe(false);
      expect(await resumeCodes.issue(second, a, 60)).toBe(true);
      expect(await resumeCodes.take(first)).toBeNull(); // replaced by the second code
      expect(await resumeCodes.take(second)).toBe(a);
    });

    it("forgets a code after its lifetime; the code can then be issued again", async () => {
      const { resumeCodes } = await openExpiring();
      const [a, b, code] = [newId(), newId(), newCode()];
      await resumeCodes.issue(code, a, 1);
      await expiry.advance(1.5);
      expect(await resumeCodes.take(code)).toBeNull();
      expect(await resumeCodes.issue(code, b, 60)).toBe(true);
      expect(await resumeCodes.take(code)).toBe(b);
    });

    it("counts wrong codes per conversation within a window that starts at the first", async () => {
      const { resumeCodes } = await openExpiring();
      const [a, b] = [newId(), newId()];
      expect(await resumeCodes.failures(a)).toBe(0);
      expect(await resumeCodes.recordFailure(a, 1)).toBe(1);
      expect(await resumeCodes.recordFailure(a, 1)).toBe(2);
      expect(await resumeCodes.failures(a)).toBe(2);
      expect(await resumeCodes.failures(b)).toBe(0);
      await expiry.advance(1.5);
      expect(await resumeCodes.failures(a)).toBe(0);
      expect(await resumeCodes.recordFailure(a, 1)).toBe(1);
    });

    it("erases a conversation's code and wrong-code count, and only that conversation's", async () => {
      const { resumeCodes } = await open();
      const [a, b, codeA, codeB] = [newId(), newId(), newCode(), newCode()];
      await resumeCodes.issue(codeA, a, 60);
      await resumeCodes.issue(codeB, b, 60);
      await resumeCodes.recordFailure(a, 60);
      await resumeCodes.recordFailure(b, 60);
      await resumeCodes.deleteConversation(a);
      expect(await resumeCodes.failures(a)).toBe(0);
      expect(await resumeCodes.take(codeA)).toBeNull();
      expect(await resumeCodes.failures(b)).toBe(1);
      expect(await resumeCodes.take(codeB)).toBe(b);
    });
  });

  describe("moving a conversation", () => {
    it("moves forms to the new conversation; erasing the old one afterwards leaves them", async () => {
      const { forms } = await open();
      const [a, b] = [newId(), newId()];
      const [moved, own] = [formFor(a, 1000), formFor(b, 2000)];
      await forms.save(moved);
      await forms.save(own);
      await forms.moveConversation(a, b);
      expect(await forms.listFor(a)).toEqual([]);
      expect(await forms.listFor(b)).toEqual([{ ...moved, conversationId: b }, own]);
      await forms.deleteConversation(a);
      expect(await forms.get(moved.id)).toEqual({ ...moved, conversationId: b });
      await forms.deleteConversation(b);
      expect(await forms.get(moved.id)).toBeNull();
    });

    it("moves open and closed tickets with their transcripts to the new conversation and channel", async () => {
      const { handoffs } = await open();
      const [a, b] = [newId(), newId()];
      const closed = await handoffs.open(ticketFor(a), 1000);
      await handoffs.close(closed.id, 1500);
      const ticket = await handoffs.open(ticketFor(a), 2000);
      await handoffs.appendTranscript(ticket.id, { from: "citizen", text: "xin chào", at: 2001 });
      await handoffs.moveConversation(a, b, "telegram", 3000);
      expect(await handoffs.openFor(a)).toBeNull();
      expect(await handoffs.openFor(b)).toMatchObject({
        id: ticket.id,
        conversationId: b,
        channel: "telegram",
      });
      expect(await handoffs.get(closed.id)).toMatchObject({ conversationId: b, status: "closed" });
      const listed = (await handoffs.listOpen()).filter((t) => t.id === ticket.id);
      expect(listed).toMatchObject([{ conversationId: b, channel: "telegram" }]);
      await handoffs.appendTranscript(ticket.id, { from: "staff", text: "chào anh", at: 3001 });
      expect((await handoffs.transcript(ticket.id)).map((l) => l.text)).toEqual(["xin chào", "chào anh"]);
      await handoffs.deleteConversation(a);
      expect(await handoffs.get(ticket.id)).not.toBeNull();
      await handoffs.deleteConversation(b);
      expect(await handoffs.get(ticket.id)).toBeNull();
      expect(await handoffs.get(closed.id)).toBeNull();
    });

    it("keeps one open ticket: a moved open ticket is closed when the target has its own", async () => {
      const { handoffs } = await open();
      const [a, b] = [newId(), newId()];
      const theirs = await handoffs.open(ticketFor(a), 1000);
      const mine = await handoffs.open(ticketFor(b), 1100);
      await handoffs.moveConversation(a, b, "zalo", 2000);
      expect(await handoffs.openFor(b)).toMatchObject({ id: mine.id });
      expect(await handoffs.get(theirs.id)).toMatchObject({
        conversationId: b,
        status: "closed",
        closedAt: 2000,
      });
      expect((await handoffs.listOpen()).some((t) => t.id === theirs.id)).toBe(false);
    });
  });
}
