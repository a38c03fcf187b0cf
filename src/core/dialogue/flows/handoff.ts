// Handing the conversation to a human officer: on request, after repeated failures, or when the
// assistant cannot find the procedure. While a ticket is open the bot stays silent.
import type { ConversationState } from "../state.js";
import { option, say, type DialogueContext, type ReplyPlan, type StepResult } from "../types.js";

/** A summary for staff without personal data: the procedure and how the conversation went. */
function summary(state: ConversationState, ctx: DialogueContext, reason: string): string {
  const topic = state.topic ? (ctx.procedures.get(state.topic)?.name ?? state.topic) : "chưa xác định";
  return `Thủ tục: ${topic}. Lý do: ${reason}. Số lượt trao đổi: ${state.turns}.`;
}

/** Opens a ticket; the assistant fills in its id after the effect ran. */
export function startHandoff(
  state: ConversationState,
  ctx: DialogueContext,
  reason: "requested" | "failures" | "low-confidence",
): StepResult {
  const key = reason === "requested" ? "handoff.started" : "handoff.started.auto";
  return {
    state: { ...state, pending: null, misses: 0, handoff: { ticketId: "" } },
    replies: [{ lines: [say(key), say("handoff.wait")] }],
    effects: [{ kind: "open-handoff", reason, procedure: state.topic, summary: summary(state, ctx, reason) }],
  };
}

/** Offers an officer after the assistant failed several times. */
export function offerHandoff(state: ConversationState, lines: ReplyPlan["lines"]): StepResult {
  return {
    state: { ...state, pending: { kind: "handoff-offer" } },
    replies: [
      {
        lines: [...lines, say("handoff.offer")],
        options: [option("handoff", "option.handoff-yes"), option("menu", "option.handoff-no")],
      },
    ],
    effects: [],
  };
}

/** While a ticket is open: record what the citizen wrote for the officer, say nothing. */
export function silentTurn(state: ConversationState, text: string): StepResult {
  return { state, replies: [], effects: text.trim() ? [{ kind: "transcript", text }] : [] };
}
