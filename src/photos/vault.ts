// The AttachmentVault: seals a photo (AES-256-GCM) before it reaches the attachment store, and
// opens it again for whoever holds the key. The stores only ever see ciphertext.
import type { AttachmentStore, AttachmentVault } from "../core/ports.js";
import { seal, unseal, type AttachmentKey } from "./seal.js";

/** An opened attachment: the photo in clear, in memory only. */
export interface OpenedAttachment {
  readonly conversationId: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

/** The vault plus opening (staff tooling, tests); `open` throws SealError on a wrong key or damage. */
export interface PhotoVault extends AttachmentVault {
  open(id: string): Promise<OpenedAttachment | null>;
}

export interface VaultDeps {
  readonly store: AttachmentStore;
  /** The sealing key; null = attaching is off. */
  readonly key: AttachmentKey | null;
  /** Keys of earlier rotations, still accepted for opening. */
  readonly olderKeys?: readonly AttachmentKey[];
  readonly now: () => number;
  readonly newId: () => string;
}

/** Creates the vault over a store; without a key `enabled` is false and attach() rejects. */
export function createAttachmentVault(deps: VaultDeps): PhotoVault {
  const key = deps.key;
  const keys = key ? [key, ...(deps.olderKeys ?? [])] : [...(deps.olderKeys ?? [])];
  return {
    enabled: key !== null,
    async attach(conversationId, photo) {
      if (!key) throw new Error("attachments are disabled: no key");
      const id = deps.newId();
      const sealed = seal(photo.bytes, key, { attachmentId: id });
      const createdAt = deps.now();
      await deps.store.put({
        id,
        conversationId,
        mime: photo.mime,
        createdAt,
        size: sealed.byteLength,
        sealed,
      });
      return id;
    },
    async count(conversationId) {
      return (await deps.store.listFor(conversationId)).length;
    },
    async open(id) {
      const stored = await deps.store.get(id);
      if (!stored) return null;
      const bytes = unseal(stored.sealed, keys, { attachmentId: stored.id });
      return { conversationId: stored.conversationId, mime: stored.mime, bytes };
    },
  };
}
