// Part of the store contract: the push chats' mailboxes — first in, first out per conversation and
// box, seqs never reused, one taker per item, erasure of both boxes, and expiry after the last append.
import { describe, expect, it } from "vitest";
import type { Mailbox, MailboxName, Stores } from "../../src/core/ports.js";
import { newId, type ExpiryHarness } from "./records-contract.js";

/** Takes every waiting body of a box, oldest first, the way the runners do (head, then remove). */
async function takeAll(mailbox: Mailbox, box: MailboxName, id: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let item = await mailbox.head(box, id); item; item = await mailbox.head(box, id)) {
    expect(await mailbox.remove(box, id, item.seq)).toBe(true);
    bodies.push(item.body);
  }
  return bodies;
}

/** Registers the mailbox part of the contract (called by storesContract). */
export function mailboxContract(
  open: () => Promise<Stores>,
  openExpiring: () => Promise<Stores>,
  expiry: ExpiryHarness,
): void {
  describe("mailbox", () => {
    it("gives items back oldest first, per conversation and per box, leaving the head in place", async () => {
      const { mailbox } = await open();
      const [a, b] = [newId(), newId()];
      await mailbox.append("in", a, "a-in-1");
      await mailbox.append("out", a, '[{"text":"a-out-1"}]');
      await mailbox.append("in", b, "b-in-1");
      await mailbox.append("in", a, 'tiếng Việt có dấu, emoji 🙏 và "ngoặc" \\ {json}');
      await mailbox.append("in", a, "");
      expect((await mailbox.head("in", a))?.body).toBe("a-in-1");
      expect((await mailbox.head("in", a))?.body).toBe("a-in-1");
      expect(await takeAll(mailbox, "in", a)).toEqual([
        "a-in-1",
        'tiếng Việt có dấu, emoji 🙏 và "ngoặc" \\ {json}',
        "",
      ]);
      expect(await mailbox.head("in", a)).toBeNull();
      expect(await takeAll(mailbox, "out", a)).toEqual(['[{"text":"a-out-1"}]']);
      expect(await takeAll(mailbox, "in", b)).toEqual(["b-in-1"]);
    });

    it("numbers items increasingly across conversations and never reuses a number", async () => {
      const { mailbox } = await open();
      const [a, b] = [newId(), newId()];
      const seqs = [
        await mailbox.append("in", a, "1"),
        await mailbox.append("out", b, "2"),
        await mailbox.append("in", a, "3"),
      ];
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(3);
      expect((await mailbox.head("in", a))?.seq).toBe(seqs[0]);
      await mailbox.deleteConversation(a);
      const after = await mailbox.append("in", a, "4");
      expect(after).toBeGreaterThan(Math.max(...seqs));
    });

    it("lets exactly one of several takers remove an item, and removes an item behind the head", async () => {
      const { mailbox } = await open();
      const id = newId();
      const first = await mailbox.append("out", id, "one");
      const second = await mailbox.append("out", id, "two");
      await mailbox.append("out", id, "three");
      const removed = await Promise.all([1, 2, 3].map(() => mailbox.remove("out", id, first)));
      expect(removed.filter(Boolean)).toHaveLength(1);
      expect(await mailbox.remove("out", id, first)).toBe(false);
      expect(await mailbox.remove("in", id, second)).toBe(false); // the other box
      expect(await mailbox.remove("out", newId(), second)).toBe(false); // another conversation
      expect(await mailbox.remove("out", id, second)).toBe(true);
      expect(await takeAll(mailbox, "out", id)).toEqual(["three"]);
    });

    it("erases both boxes of a conversation and nothing of another", async () => {
      const { mailbox } = await open();
      const [a, b] = [newId(), newId()];
      for (const id of [a, b]) {
        await mailbox.append("in", id, `${id} in`);
        await mailbox.append("out", id, `${id} out`);
      }
      await mailbox.deleteConversation(a);
      expect(await mailbox.head("in", a)).toBeNull();
      expect(await mailbox.head("out", a)).toBeNull();
      expect(await takeAll(mailbox, "in", b)).toEqual([`${b} in`]);
      expect(await takeAll(mailbox, "out", b)).toEqual([`${b} out`]);
    });

    it("forgets a box ttl after its last append (each append extends it)", async () => {
      const { mailbox } = await openExpiring();
      const id = newId();
      await mailbox.append("in", id, "old");
      await mailbox.append("out", id, "quiet");
      await expiry.advance(expiry.ttlSeconds * 0.6);
      await mailbox.append("in", id, "new");
      await expiry.advance(expiry.ttlSeconds * 0.6);
      expect(await mailbox.head("out", id)).toBeNull();
      expect(await takeAll(mailbox, "in", id)).toEqual(["old", "new"]);
      await mailbox.append("in", id, "again");
      await expiry.advance(expiry.ttlSeconds * 1.3);
      expect(await mailbox.head("in", id)).toBeNull();
    });
  });
}
