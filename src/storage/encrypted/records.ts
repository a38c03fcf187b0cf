// Which part of each record holding personal data is sealed, and what it is bound to: the record's own
// id, so a sealed value copied into another record does not open. Plain (older) values open as they are.
import type { ConversationState } from "../../core/dialogue/state.js";
import type { Reply } from "../../core/messages.js";
import type { ConfirmedForm, DossierLink, TranscriptLine } from "../../core/ports.js";
import { parseReply } from "../records.js";
import { isSealed, UnreadableRecordError, type RecordCipher } from "./cipher.js";

/** Seals a record before it is stored and opens it when read; `id` is the record's binding id. */
export interface RecordCodec<T> {
  seal(value: T, id: string, cipher: RecordCipher): T;
  /** Throws UnreadableRecordError when a sealed part does not open. */
  open(value: T, id: string, cipher: RecordCipher): T;
}

/** The one key a sealed string map (form values) is replaced by. */
export const SEALED_FIELD = "$sealed";

type Values = Readonly<Record<string, string>>;

function sealValues(values: Values, binding: string, cipher: RecordCipher): Values {
  // A malformed record is passed on as it is: the backend stores it and reads it back as damaged.
  if (typeof values !== "object" || values === null) return values;
  return { [SEALED_FIELD]: cipher.seal(JSON.stringify(values), binding) };
}

function openValues(values: Values, binding: string, cipher: RecordCipher): Values {
  const sealed = typeof values === "object" && values !== null ? values[SEALED_FIELD] : undefined;
  if (typeof sealed !== "string" || !isSealed(sealed)) return values;
  const plain = cipher.open(sealed, binding);
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain);
  } catch {
    throw new UnreadableRecordError("damaged", null);
  }
  const ok =
    typeof parsed === "object" &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((v) => typeof v === "string");
  if (!ok) throw new UnreadableRecordError("damaged", null);
  return parsed as Record<string, string>;
}

/** Conversation state: the form values in progress (names, ID and phone numbers, addresses). */
export const stateCodec: RecordCodec<ConversationState> = {
  seal: (s, id, c) =>
    s.form ? { ...s, form: { ...s.form, values: sealValues(s.form.values, `state\0${id}`, c) } } : s,
  open: (s, id, c) =>
    s.form ? { ...s, form: { ...s.form, values: openValues(s.form.values, `state\0${id}`, c) } } : s,
};

/** Confirmed forms: the values; bound to the form id (forms keep it when a conversation moves). */
export const formCodec: RecordCodec<ConfirmedForm> = {
  seal: (f, id, c) => ({ ...f, values: sealValues(f.values, `form\0${id}`, c) }),
  open: (f, id, c) => ({ ...f, values: openValues(f.values, `form\0${id}`, c) }),
};

/** Handoff transcript lines: the text; bound to the ticket id. */
export const transcriptCodec: RecordCodec<TranscriptLine> = {
  seal: (l, id, c) => (typeof l.text === "string" ? { ...l, text: c.seal(l.text, `transcript\0${id}`) } : l),
  open: (l, id, c) =>
    typeof l.text === "string" && isSealed(l.text) ? { ...l, text: c.open(l.text, `transcript\0${id}`) } : l,
};

/** Waiting replies: the whole reply (text, links, files) sealed into `text`; bound to the conversation. */
export const replyCodec: RecordCodec<Reply> = {
  seal: (r, id, c) => ({ text: c.seal(JSON.stringify(r), `outbox\0${id}`) }),
  open: (r, id, c) => {
    if (typeof r.text !== "string" || !isSealed(r.text)) return r;
    const reply = parseReply(c.open(r.text, `outbox\0${id}`));
    if (!reply) throw new UnreadableRecordError("damaged", null);
    return reply;
  },
};

/** A push chat's waiting turn or reply (message text, form answers): the body; bound to the conversation. */
export const mailboxCodec: RecordCodec<{ readonly body: string }> = {
  seal: (m, id, c) => (typeof m.body === "string" ? { ...m, body: c.seal(m.body, `mailbox\0${id}`) } : m),
  open: (m, id, c) =>
    typeof m.body === "string" && isSealed(m.body) ? { ...m, body: c.open(m.body, `mailbox\0${id}`) } : m,
};

/** Dossier links: the portal access token (a credential); bound to the dossier code. */
export const dossierCodec: RecordCodec<DossierLink> = {
  seal: (d, id, c) =>
    typeof d.accessToken === "string" ? { ...d, accessToken: c.seal(d.accessToken, `dossier\0${id}`) } : d,
  open: (d, id, c) =>
    typeof d.accessToken === "string" && isSealed(d.accessToken)
      ? { ...d, accessToken: c.open(d.accessToken, `dossier\0${id}`) }
      : d,
};

/** Every kind of sealed record, by the name the rotation script and the logs use. */
export const codecs = {
  state: stateCodec,
  form: formCodec,
  transcript: transcriptCodec,
  outbox: replyCodec,
  mailbox: mailboxCodec,
  dossier: dossierCodec,
} as const;

export type RecordKind = keyof typeof codecs;

/** What became of one stored JSON text during a rotation. */
export type ResealOutcome =
  | { readonly kind: "resealed"; readonly text: string }
  | { readonly kind: "unreadable"; readonly error: UnreadableRecordError }
  | { readonly kind: "skipped" };

/**
 * Re-seals one stored JSON record under the cipher's current key (a plain older record is sealed for
 * the first time). Damaged JSON is skipped (the stores already read it as absent).
 */
export function resealText(kind: RecordKind, text: string, id: string, cipher: RecordCipher): ResealOutcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "skipped" };
  }
  if (typeof value !== "object" || value === null) return { kind: "skipped" };
  const codec = codecs[kind] as RecordCodec<unknown>;
  try {
    return { kind: "resealed", text: JSON.stringify(codec.seal(codec.open(value, id, cipher), id, cipher)) };
  } catch (err) {
    if (err instanceof UnreadableRecordError) return { kind: "unreadable", error: err };
    return { kind: "skipped" };
  }
}
