// When attached photos go: with the conversation's "xóa dữ liệu", at the conversation ttl, and as
// soon as one of the conversation's dossiers reaches a final status on the portal.
import type { AttachmentStore } from "../core/ports.js";

/**
 * Portal status codes after which the dossier needs no more papers: 3 not accepted (rejected),
 * 7 withdrawn by the citizen, 8 processing stopped, 9 done, 10 result returned.
 */
export const FINAL_DOSSIER_STATUSES: ReadonlySet<number> = new Set([3, 7, 8, 9, 10]);

/** Deletes the conversation's attachments when `status` is final; true when it did. */
export async function dropAttachmentsIfFinal(
  attachments: Pick<AttachmentStore, "deleteConversation">,
  conversationId: string,
  status: number,
): Promise<boolean> {
  if (!FINAL_DOSSIER_STATUSES.has(status)) return false;
  await attachments.deleteConversation(conversationId);
  return true;
}
