// Part of the store contract: sealed photo attachments — binary-exact round trip, listing by
// conversation without the bytes, replacing by id, moving, expiry, and erasing one conversation only.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Stores, StoredAttachment } from "../../src/core/ports.js";
import { newId, type ExpiryHarness } from "./records-contract.js";

/** An attachment whose sealed bytes cover every byte value (0x00–0xff), so any text decoding shows. */
function attachmentFor(conversationId: string, createdAt: number, size = 4096): StoredAttachment {
  const sealed = new Uint8Array(size);
  sealed.set(randomBytes(size));
  for (let i = 0; i < Math.min(256, size); i += 1) sealed[i] = i;
  return { id: randomUUID(), conversationId, mime: "image/jpeg", createdAt, size, sealed };
}

const withoutBytes = ({ sealed: _sealed, ...info }: StoredAttachment) => info;

/** Registers the attachment part of the store contract. */
export function attachmentsContract(
  open: () => Promise<Stores>,
  openExpiring: () => Promise<Stores>,
  expiry: ExpiryHarness,
): void {
  describe("attachments", () => {
    it("keeps the sealed bytes exactly, and lists a conversation's attachments oldest first", async () => {
      const { attachments } = await open();
      const id = newId();
      const later = attachmentFor(id, 2000, 3 * 1024 * 1024);
      const earlier = attachmentFor(id, 1000);
      await attachments.put(later);
      await attachments.put(earlier);
      const back = await attachments.get(later.id);
      expect(back).not.toBeNull();
      expect(Buffer.from(back?.sealed ?? []).equals(Buffer.from(later.sealed))).toBe(true);
      expect(withoutBytes(back ?? later)).toEqual(withoutBytes(later));
      expect(await attachments.listFor(id)).toEqual([withoutBytes(earlier), withoutBytes(later)]);
      expect(await attachments.get(randomUUID())).toBeNull();
      expect(await attachments.listFor(newId())).toEqual([]);
    });

    it("replaces an attachment put again under the same id", async () => {
      const { attachments } = await open();
      const id = newId();
      const first = attachmentFor(id, 1000, 64);
      const second = { ...attachmentFor(id, 1500, 32), id: first.id, mime: "image/png" };
      await attachments.put(first);
      await attachments.put(second);
      const back = await attachments.get(first.id);
      expect(back?.mime).toBe("image/png");
      expect(Buffer.from(back?.sealed ?? []).equals(Buffer.from(second.sealed))).toBe(true);
      expect(await attachments.listFor(id)).toEqual([withoutBytes(second)]);
    });

    it("erases one conversation's attachments and leaves another's", async () => {
      const { attachments } = await open();
      const [a, b] = [newId(), newId()];
      const ofA = [attachmentFor(a, 1), attachmentFor(a, 2)];
      const ofB = attachmentFor(b, 3);
      for (const x of [...ofA, ofB]) await attachments.put(x);
      await attachments.deleteConversation(a);
      expect(await attachments.listFor(a)).toEqual([]);
      for (const x of ofA) expect(await attachments.get(x.id)).toBeNull();
      expect(await attachments.listFor(b)).toEqual([withoutBytes(ofB)]);
      expect((await attachments.get(ofB.id))?.size).toBe(ofB.size);
      await attachments.deleteConversation(a); // erasing again is harmless
    });

    it("moves a conversation's attachments to another, bytes unchanged", async () => {
      const { attachments } = await open();
      const [from, to] = [newId(), newId()];
      const there = attachmentFor(to, 1);
      const moving = [attachmentFor(from, 2), attachmentFor(from, 3)];
      for (const x of [there, ...moving]) await attachments.put(x);
      await attachments.moveConversation(from, to);
      expect(await attachments.listFor(from)).toEqual([]);
      const moved = moving.map((x) => ({ ...withoutBytes(x), conversationId: to }));
      expect(await attachments.listFor(to)).toEqual([withoutBytes(there), ...moved]);
      const back = await attachments.get(moving[0]?.id ?? "");
      expect(back?.conversationId).toBe(to);
      expect(Buffer.from(back?.sealed ?? []).equals(Buffer.from(moving[0]?.sealed ?? []))).toBe(true);
      await attachments.deleteConversation(from); // the old conversation no longer reaches them
      expect(await attachments.listFor(to)).toHaveLength(3);
    });

    it("forgets an attachment ttl after it was stored", async () => {
      const { attachments } = await openExpiring();
      const id = newId();
      const photo = attachmentFor(id, 1000, 128);
      await attachments.put(photo);
      await expiry.advance(expiry.ttlSeconds * 0.5);
      expect((await attachments.get(photo.id))?.id).toBe(photo.id);
      await expiry.advance(expiry.ttlSeconds * 0.8);
      expect(await attachments.get(photo.id)).toBeNull();
      expect(await attachments.listFor(id)).toEqual([]);
    });
  });
}
