// Continuing a conversation on another channel with a short code: what the assistant says when it
// gives a code, refuses one, or moves a conversation, and where the moved conversation picks up.
import type { TemplateParam } from "../../replies/templates.js";
import type { ConversationState } from "../state.js";
import { say, type DialogueContext, type ReplyPlan, type StepResult } from "../types.js";
import { checklistWith, tickPrompt } from "./checklist-flow.js";
import { startForm } from "./form.js";
import { choosePlans, procName } from "./procedure.js";
import { menuOptions, reply } from "./system.js";

/** A resume code is valid this long, once. */
export const RESUME_CODE_MINUTES = 30;
/** Wrong codes a conversation may type per window before it must wait. */
export const RESUME_MAX_FAILURES = 5;
/** The window wrong codes are counted in (from the first one). */
export const RESUME_FAILURE_WINDOW_MINUTES = 60;

/** Pending questions that mean a form is being filled in this conversation. */
const FORM_PENDING = new Set(["form-field", "form-confirm", "form-pick-field"]);

/** The channel part of a conversation id ("telegram:123" → "telegram"). */
export function channelOf(conversationId: string): string {
  return conversationId.split(":", 1)[0] ?? "";
}

/** How a channel is named to the citizen ("trang web", "Zalo", "Telegram"). */
export function channelLabel(channel: string): TemplateParam {
  switch (channel) {
    case "web":
      return { key: "resume.channel.web" };
    case "telegram":
      return { key: "resume.channel.telegram" };
    case "zalo":
      return { key: "resume.channel.zalo" };
    default:
      return { key: "resume.channel.other" };
  }
}

/** The code and how to use it; the code says nothing about the person. */
export function codePlans(code: string): ReplyPlan[] {
  return [
    {
      lines: [
        say("resume.code", { code, minutes: RESUME_CODE_MINUTES }),
        say("resume.how", { code }),
        say("resume.keep-secret"),
      ],
    },
  ];
}

/** A code that is wrong, expired or already used (one answer for all: no hint for guessers). */
export function wrongCodePlans(attemptsLeft: number): ReplyPlan[] {
  return [{ lines: [say("resume.wrong"), say("resume.attempts-left", { left: attemptsLeft })] }];
}

/** Too many wrong codes in this conversation: wait. */
export function tooManyPlans(): ReplyPlan[] {
  return [{ lines: [say("resume.too-many", { minutes: RESUME_FAILURE_WINDOW_MINUTES })] }];
}

/** The code belongs to this very conversation. */
export function sameConversationPlans(): ReplyPlan[] {
  return [{ lines: [say("resume.same")] }];
}

/** The conversation of the code expired or was erased since. */
export function gonePlans(): ReplyPlan[] {
  return [{ lines: [say("resume.gone")], options: menuOptions() }];
}

/**
 * Why this conversation cannot take another one in right now (an officer is answering here, or a
 * form is being filled here: replacing it would lose it); null when it can.
 */
export function busyPlans(here: ConversationState, ctx: DialogueContext): ReplyPlan[] | null {
  if (here.handoff) return [{ lines: [say("resume.busy.handoff")] }];
  if (!here.form || !FORM_PENDING.has(here.pending?.kind ?? "")) return null;
  const p = ctx.procedures.get(here.form.slug);
  const name = p?.form?.name ?? (p ? procName(p, here.lang) : here.form.slug);
  return [{ lines: [say("resume.busy.form", { name })] }];
}

/** Told to the old conversation: it continues on `channel` now. */
export function movedAwayPlans(channel: string): ReplyPlan[] {
  return [{ lines: [say("resume.moved-away", { to: channelLabel(channel) })] }];
}

/** Asks again what the conversation was waiting for, or offers the menu. */
function pickUp(state: ConversationState, ctx: DialogueContext): StepResult {
  const p = state.topic ? ctx.procedures.get(state.topic) : undefined;
  const kind = state.pending?.kind;
  if (state.handoff) return reply(state, [{ lines: [say("handoff.wait")] }]);
  if (p && (kind === "form-consent" || FORM_PENDING.has(kind ?? ""))) return startForm(state, p);
  if (p && kind === "checklist-tick") return tickPrompt(state, ctx, p);
  if (p && kind === "checklist-condition")
    return checklistWith(state, ctx, p, { have: [], lack: [], named: [] });
  if (state.pending?.kind === "choose-procedure")
    return reply(state, choosePlans(ctx, state.pending.slugs, state.lang));
  const calm = { ...state, pending: null };
  const lines = p ? [say("resume.topic", { name: procName(p, state.lang) }), say("menu")] : [say("menu")];
  return reply(calm, [{ lines, options: menuOptions() }]);
}

/**
 * The moved conversation in its new place: says where it came from, then picks up where it was
 * (the same form field, checklist question or choice). Effects are never repeated.
 */
export function continueHere(
  state: ConversationState,
  ctx: DialogueContext,
  fromChannel: string,
): StepResult {
  const moved: ConversationState = { ...state, turns: state.turns + 1, updatedAt: ctx.now, options: [] };
  const next = pickUp(moved, ctx);
  const head: ReplyPlan = { lines: [say("resume.done", { from: channelLabel(fromChannel) })] };
  return { state: next.state, replies: [head, ...next.replies], effects: [] };
}
