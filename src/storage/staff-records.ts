// Schemas of the staff-side records both backends keep as JSON (question-log events, console
// sessions), and the question log's default retention. A damaged row reads as absent, never a crash.
import { z } from "zod";
import type { QuestionEvent, StaffSession } from "../core/ports.js";
import { parseWith } from "./records.js";

/** Question-log events are kept this long (90 days) unless a backend is told otherwise. */
export const QUESTION_RETENTION_SECONDS = 90 * 86_400;

const questionEventSchema = z.object({
  id: z.string(),
  at: z.number(),
  channel: z.string(),
  procedure: z.string().nullable(),
  outcome: z.enum(["answered", "offered-choices", "not-understood", "handed-off", "low-confidence"]),
  confidence: z.number().nullable(),
  question: z.string().nullable(),
});

const staffSessionSchema = z.object({
  username: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
});

/** A stored question-log event, or null when missing or damaged. */
export function parseQuestionEvent(text: string | null | undefined): QuestionEvent | null {
  return parseWith(questionEventSchema, text);
}

/** A stored staff session, or null when missing or damaged. */
export function parseStaffSession(text: string | null | undefined): StaffSession | null {
  return parseWith(staffSessionSchema, text);
}

/** The event as stored: its fields in a fixed order (Redis uses the JSON text as a set member). */
export function questionEventJson(e: QuestionEvent): string {
  return JSON.stringify({
    id: e.id,
    at: e.at,
    channel: e.channel,
    procedure: e.procedure,
    outcome: e.outcome,
    confidence: e.confidence,
    question: e.question,
  });
}
