// Whether a message is a fresh question (not a command, a button, a form value or a pasted dossier
// code): the turns where staff forwarding and approved answers may step in before the dialogue.
import type { IntentName } from "../knowledge/index.js";
import type { ConversationState } from "./state.js";
import type { Understanding } from "./types.js";

/** Intents that make a message a command of the conversation rather than a question. */
const COMMAND_INTENTS: readonly IntentName[] = [
  ...(["handoff", "privacy", "erase", "restart", "status", "form", "checklist", "help"] as const),
  ...(["greeting", "thanks", "secret", "cancel", "back", "correct", "skip"] as const),
];

/** Pending questions a new question may interrupt (the others wait for a value: a form field, a tick). */
const INTERRUPTIBLE = new Set([undefined, "choose-procedure", "handoff-offer"]);

/** Intents that ask something about a procedure ("lệ phí bao nhiêu", "nộp ở đâu"). */
export const QUESTION_INTENTS: ReadonlySet<IntentName> = new Set<IntentName>([
  "fee",
  "time",
  "where",
  "online",
  "papers",
  "source",
  "more",
]);

/**
 * True for a typed question — content words, or a follow-up such as "lệ phí bao nhiêu?" — outside
 * handoffs, forms and commands.
 */
export function isQuestionTurn(state: ConversationState, u: Understanding): boolean {
  if (state.handoff || u.injection || u.optionId || u.dossierCodes.length > 0) return false;
  if (!INTERRUPTIBLE.has(state.pending?.kind) || COMMAND_INTENTS.some((i) => u.intents.has(i))) return false;
  return u.analyzed.content.length > 0 || [...u.intents].some((i) => QUESTION_INTENTS.has(i));
}
