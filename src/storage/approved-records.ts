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
 * Texts already parsed: the answers are read on every citizen question, and the same few hundred rows
 * come back each time (parsing them all again cost ≈ 1.3 ms per turn for 200 answers).
 */
const parsedTexts = new Map<string, ApprovedAnswer | null>();
const PARSED_LIMIT = 5_000;

/** A stored approved answer, or null when the text is missing or damaged. */
export function parseApprovedAnswer(text: string | null | undefined): ApprovedAnswer | null {
  if (text === null || text === undefined) return null;
  const known = parsedTexts.get(text);
  if (known !== undefined) return known;
  if (parsedTexts.size >= PARSED_LIMIT) parsedTexts.clear();
  const answer = parseWith(approvedAnswerSchema, text);
  parsedTexts.set(text, answer);
  return answer;
}

/** Newest approval first; ties by id, so both backends list in the same order. */
export function newestApprovalFirst(a: ApprovedAnswer, b: ApprovedAnswer): number {
  return b.approvedAt - a.approvedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
