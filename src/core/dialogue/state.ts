// The conversation state: what the assistant remembers between turns. A zod schema validates it
// whenever it is loaded, so a damaged or outdated record resets politely instead of crashing.
import { z } from "zod";

/** The question the assistant is waiting for an answer to. */
export const pendingSchema = z.discriminatedUnion("kind", [
  /** Several procedures matched; the user picks one. */
  z.object({ kind: z.literal("choose-procedure"), slugs: z.array(z.string()).min(1) }),
  /** The user ticks the papers they have (numbers refer to `checklist.lines`). */
  z.object({ kind: z.literal("checklist-tick") }),
  /** One question that settles a conditional paper; `line` indexes `checklist.lines`. */
  z.object({ kind: z.literal("checklist-condition"), line: z.int().min(0) }),
  /** Consent to collect personal data before filling a form. */
  z.object({ kind: z.literal("form-consent") }),
  /** A form field is being asked (`form.step`). */
  z.object({ kind: z.literal("form-field") }),
  /** The filled form is shown for confirmation. */
  z.object({ kind: z.literal("form-confirm") }),
  /** The user wants to correct a field and must say which. */
  z.object({ kind: z.literal("form-pick-field") }),
  /** Confirmation before erasing the user's data. */
  z.object({ kind: z.literal("erase-confirm") }),
  /** A dossier lookup waits for the owner's ID number (never stored: only the code is kept). */
  z.object({ kind: z.literal("status-owner-id"), code: z.string().max(60) }),
  /** The assistant offered a human officer. */
  z.object({ kind: z.literal("handoff-offer") }),
  /** The user asked to attach the next photo to their dossier ("/dinhkem", "đính kèm ảnh"). */
  z.object({ kind: z.literal("photo-attach") }),
]);
export type Pending = z.infer<typeof pendingSchema>;

/** One line of the checklist: a paper, or a group of papers that replace each other. */
export const checklistLineSchema = z.object({
  /** Indexes of the procedure's `documents` on this line (several for an alternative group). */
  items: z.array(z.int().min(0)).min(1),
  /** have: the user has it; lack: said they do not; unknown: not said yet. */
  status: z.enum(["have", "lack", "unknown"]),
  /** For conditional lines: whether the condition applies (null = not settled yet). */
  applies: z.boolean().nullable(),
  /** For groups: which item the user's situation calls for (null = not settled). */
  chosen: z.int().min(0).nullable(),
});
export type ChecklistLine = z.infer<typeof checklistLineSchema>;

export const conversationStateSchema = z.object({
  v: z.literal(1),
  lang: z.enum(["vi", "en"]),
  /** The procedure being discussed. */
  topic: z.string().nullable(),
  pending: pendingSchema.nullable(),
  checklist: z
    .object({
      slug: z.string(),
      lines: z.array(checklistLineSchema),
      /** Papers the user mentioned that this procedure does not need (document ids). */
      extra: z.array(z.string()),
    })
    .nullable(),
  form: z
    .object({
      slug: z.string(),
      step: z.int().min(0),
      values: z.record(z.string(), z.string()),
      /** Field being corrected; after it the summary is shown again. */
      editing: z.string().nullable(),
      /** Failed attempts at the current field. */
      attempts: z.int().min(0),
    })
    .nullable(),
  /** What to do once the user names a procedure ("điền tờ khai" before saying which procedure). */
  after: z.enum(["checklist", "form"]).nullable(),
  /** Papers the user listed before naming the procedure (document ids), applied once it is known. */
  papers: z
    .object({ have: z.array(z.string()), lack: z.array(z.string()) })
    .nullable()
    .default(null),
  /** The user agreed to give personal data for forms (per conversation). */
  consent: z.boolean(),
  /** Open handoff ticket: the bot stays silent until staff release it. */
  handoff: z.object({ ticketId: z.string() }).nullable(),
  /** Consecutive turns the assistant did not understand. */
  misses: z.int().min(0),
  /** Options last shown, so a bare "2" or the option's words pick one. */
  options: z.array(z.object({ id: z.string(), label: z.string() })),
  /**
   * Staff forwarding mode only (/chiase): the candidate procedures last offered, picked by
   * "/chiase 2". Kept apart from the citizen flow (topic, pending, options stay untouched).
   */
  forward: z
    .object({ slugs: z.array(z.string()).max(5) })
    .nullable()
    .optional(),
  turns: z.int().min(0),
  updatedAt: z.number(),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

/** A fresh conversation. */
export function initialState(now: number, lang: "vi" | "en" = "vi"): ConversationState {
  return {
    v: 1,
    lang,
    topic: null,
    pending: null,
    checklist: null,
    form: null,
    after: null,
    papers: null,
    consent: false,
    handoff: null,
    misses: 0,
    options: [],
    turns: 0,
    updatedAt: now,
  };
}

/** Parses stored state; null when it is missing, damaged or from an older version. */
export function parseState(raw: unknown): ConversationState | null {
  const parsed = conversationStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
