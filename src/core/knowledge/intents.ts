// Schema of knowledge/intents.yaml: the phrases people use for each conversational intent
// ("gặp cán bộ", "xóa dữ liệu", "lệ phí bao nhiêu"). Matched accent-insensitively on whole words.
import { z } from "zod";

export const INTENT_NAMES = [
  "greeting",
  "thanks",
  "help",
  "restart",
  "erase",
  "privacy",
  "handoff",
  "status",
  "form",
  "checklist",
  "cancel",
  "back",
  "skip",
  "yes",
  "no",
  "correct",
  "fee",
  "time",
  "where",
  "online",
  "more",
  "papers",
  "source",
  "secret",
  "resume",
] as const;

export type IntentName = (typeof INTENT_NAMES)[number];

const phrases = z.array(z.string().trim().min(1, { error: "empty" })).min(1);

/** Every intent must be listed (an officer cannot accidentally delete one). */
export const intentsSchema = z.strictObject(
  Object.fromEntries(INTENT_NAMES.map((n) => [n, phrases])) as Record<IntentName, typeof phrases>,
);
export type IntentPhrases = z.infer<typeof intentsSchema>;
