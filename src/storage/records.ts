// Schemas for the records both backends keep as JSON text (forms, dossier links, replies, transcript
// lines). Everything read back is validated, so a damaged row is skipped instead of crashing a turn.
import { z } from "zod";
import type { Reply } from "../core/messages.js";
import type { ConfirmedForm, DossierLink, TranscriptLine } from "../core/ports.js";

const formSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  procedure: z.string(),
  values: z.record(z.string(), z.string()),
  confirmedAt: z.number(),
});

const dossierLinkSchema = z.object({
  code: z.string(),
  conversationId: z.string(),
  procedure: z.string(),
  accessToken: z.string(),
  createdAt: z.number(),
  lastStatus: z.number().int().optional(),
});

const replySchema = z.object({
  text: z.string(),
  options: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
  links: z.array(z.object({ url: z.string(), label: z.string() })).optional(),
  files: z.array(z.object({ name: z.string(), mime: z.string(), url: z.string() })).optional(),
});

const transcriptLineSchema = z.object({
  from: z.enum(["citizen", "staff", "bot"]),
  text: z.string(),
  at: z.number(),
});

/** JSON text validated by `schema`, or null when it is missing, not JSON or does not fit (never throws). */
export function parseWith<T>(schema: z.ZodType<T>, text: string | null | undefined): T | null {
  if (text === null || text === undefined) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Parses JSON text without throwing; undefined when it is missing or not JSON. */
export function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A stored confirmed form, or null when the text is missing or damaged. */
export function parseForm(text: string | null | undefined): ConfirmedForm | null {
  return parseWith(formSchema, text);
}

/** A stored dossier link, or null when the text is missing or damaged. */
export function parseDossierLink(text: string | null | undefined): DossierLink | null {
  return parseWith(dossierLinkSchema, text);
}

/** A stored outbox reply, or null when the text is missing or damaged. */
export function parseReply(text: string | null | undefined): Reply | null {
  return parseWith<Reply>(replySchema, text);
}

/** A stored transcript line, or null when the text is missing or damaged. */
export function parseTranscriptLine(text: string | null | undefined): TranscriptLine | null {
  return parseWith(transcriptLineSchema, text);
}

/** Keeps the non-null values (records that failed to parse are dropped). */
export function present<T>(values: readonly (T | null)[]): T[] {
  return values.filter((v): v is T => v !== null);
}
