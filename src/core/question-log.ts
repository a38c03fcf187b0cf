// Staff statistics: turns one citizen turn into a question-log event without personal data (what
// was asked, masked; which procedure; what became of it) and records it without ever failing a turn.
import type { ConversationState, StepResult, Understanding } from "./dialogue/index.js";
import { redactPersonalData } from "./llm/index.js";
import type { InboundMessage } from "./messages.js";
import type { Clock, EventLog, QuestionEvent, QuestionOutcome, Stores } from "./ports.js";

/** An answer resting on a retrieval confidence below this is logged as "low-confidence". */
const LOW_CONFIDENCE_BELOW = 0.5;
/** Longest question text kept (after masking). */
const MAX_QUESTION_CHARS = 300;

/** Reply keys that mean "I did not understand / found no procedure". */
const NOT_UNDERSTOOD = new Set(["unknown", "not-found", "unknown.again"]);

/** What a turn produced that decides its event. */
export interface TurnFacts {
  readonly before: ConversationState;
  readonly u: Understanding;
  readonly result: StepResult;
}

function saidNotUnderstood(result: StepResult): boolean {
  return result.replies.some((plan) => {
    const first = plan.lines[0];
    return first !== undefined && "key" in first && NOT_UNDERSTOOD.has(first.key);
  });
}

function outcomeOf({ before, u, result }: TurnFacts): { outcome: QuestionOutcome; procedure: string | null } {
  const handoff = result.effects.find((e) => e.kind === "open-handoff");
  if (handoff) return { outcome: "handed-off", procedure: handoff.procedure };
  if (saidNotUnderstood(result)) return { outcome: "not-understood", procedure: before.topic };
  if (result.state.pending?.kind === "choose-procedure")
    return { outcome: "offered-choices", procedure: null };
  const r = u.retrieval;
  const topic = result.state.topic;
  const guessed = r?.decision === "answer" && r.candidates[0]?.slug === topic;
  const unsure = guessed && r.confidence < LOW_CONFIDENCE_BELOW;
  return { outcome: unsure ? "low-confidence" : "answered", procedure: topic };
}

/** Pending questions whose answer is the citizen's own data (form values, ID number), never logged. */
const PRIVATE_ANSWERS = new Set([
  "form-consent",
  "form-field",
  "form-confirm",
  "form-pick-field",
  "status-owner-id",
  "erase-confirm",
]);

/**
 * The event of a citizen turn, or null for turns that are not questions to the bot: answers to
 * form or ID-number questions (unless they ask for an officer), turns while an officer has the
 * conversation, and an erasure. The
 * text is masked with redactPersonalData (form values included) and cut to MAX_QUESTION_CHARS.
 */
function questionEvent(facts: TurnFacts, msg: InboundMessage, id: string, at: number): QuestionEvent | null {
  const { before, u, result } = facts;
  const handedOff = result.effects.some((e) => e.kind === "open-handoff");
  if (before.handoff || result.effects.some((e) => e.kind === "erase")) return null;
  if (PRIVATE_ANSWERS.has(before.pending?.kind ?? "") && !handedOff) return null;
  if (!u.text.trim() && !u.optionId) return null;
  const known = Object.values(before.form?.values ?? {});
  const masked = u.text.trim() ? redactPersonalData(u.text, known).slice(0, MAX_QUESTION_CHARS) : null;
  return {
    id,
    at,
    channel: msg.channel,
    ...outcomeOf(facts),
    confidence: u.retrieval ? Math.round(u.retrieval.confidence * 1000) / 1000 : null,
    question: masked,
  };
}

/** What recording needs from the assistant's dependencies. */
export interface QuestionLogDeps {
  readonly stores: Pick<Stores, "questions">;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly log: EventLog;
}

/** Records the turn's event, if any; a failing log store is reported, never passed to the citizen. */
export async function recordQuestion(
  deps: QuestionLogDeps,
  msg: InboundMessage,
  facts: TurnFacts,
): Promise<void> {
  const event = questionEvent(facts, msg, deps.newId(), deps.clock.now());
  if (!event) return;
  try {
    await deps.stores.questions.record(msg.conversationId, event);
  } catch (err) {
    deps.log.warn("question-log.failed", { error: err instanceof Error ? err.name : "unknown" });
  }
}
