// The reply with an answer staff approved for a frequent question: the officer's text as written,
// marked with the reviewer and the approval date, then the usual options for its procedure.
import type { ApprovedAnswer } from "../../ports.js";
import { vnDate } from "../../replies/labels.js";
import type { ConversationState } from "../state.js";
import { option, raw, say, type DialogueContext, type StepResult } from "../types.js";
import { procedureOptions } from "./procedure.js";

/**
 * Serves `answer` for the question of this turn; `procedure` (what the question is about, when
 * known) becomes the topic, so follow-ups ("nộp ở đâu?") and the options keep working.
 */
export function approvedStep(
  state: ConversationState,
  answer: ApprovedAnswer,
  procedure: string | null,
  ctx: DialogueContext,
  lang: "vi" | "en" | null,
): StepResult {
  const p = procedure ? ctx.procedures.get(procedure) : undefined;
  const next: ConversationState = {
    ...state,
    turns: state.turns + 1,
    updatedAt: ctx.now,
    lang: lang ?? state.lang,
    topic: p?.slug ?? state.topic,
    pending: null,
    after: null,
    misses: 0,
  };
  const mark = say("approved.mark", { reviewer: answer.reviewer, date: vnDate(answer.approvedAt) });
  const options = p
    ? procedureOptions(p)
    : [option("handoff", "option.handoff"), option("menu", "option.menu")];
  return { state: next, replies: [{ lines: [raw(answer.answer), mark], options }], effects: [] };
}
