// Schema of the approved answers both backends keep as JSON text; everything read back is validated,
// so a damaged row reads as absent instead of breaking a citizen's turn.
import { z } from "zod";
import type { ApprovedAnswer } from "../core/ports.js";
import { parseWith } from "./records.js";

const approvedAnswerSchema = z.object({
  id: z.string().min(1),
  question: z.string(),
  procedure: z.string().nullable(),
  answer: z.string(),
  reviewer: z.string(),
  approvedAt: z.number(),
  expiresAt: z.number(),
});

/**
 * A stored approved answer, or null when the text is missing or damaged. (Both backends keep the
 * parsed list until an answer is written, so a citizen's turn does not parse them again.)
 */
export function parseApprovedAnswer(text: string | null | undefined): ApprovedAnswer | null {
  return parseWith(approvedAnswerSchema, text);
}

/** Newest approval first; ties by id, so both backends list in the same order. */
export function newestApprovalFirst(a: ApprovedAnswer, b: ApprovedAnswer): number {
  return b.approvedAt - a.approvedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
