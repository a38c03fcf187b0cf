// Conversation basics that work in any state: greeting and menu, help, privacy notice, thanks,
// restart, erasing the user's data, refusing prompt injection and warnings about passwords/OTP.
import { initialState, type ConversationState } from "../state.js";
import {
  option,
  say,
  type DialogueContext,
  type Effect,
  type OptionPlan,
  type ReplyPlan,
  type StepResult,
} from "../types.js";

/** The main menu. */
export function menuOptions(): OptionPlan[] {
  return [
    option("ask", "option.ask"),
    option("checklist", "option.checklist"),
    option("form", "option.form"),
    option("status", "option.status"),
    option("handoff", "option.handoff"),
  ];
}

/** Reply with the state unchanged except for bookkeeping. */
export function reply(state: ConversationState, replies: ReplyPlan[], effects: Effect[] = []): StepResult {
  return { state, replies, effects };
}

export function greeting(state: ConversationState): StepResult {
  return reply({ ...state, misses: 0 }, [
    { lines: [say("greeting"), say("greeting.disclaimer")], options: menuOptions() },
  ]);
}

export function help(state: ConversationState): StepResult {
  return reply({ ...state, misses: 0 }, [{ lines: [say("help")], options: menuOptions() }]);
}

export function menu(state: ConversationState): StepResult {
  return reply({ ...state, pending: null, after: null }, [{ lines: [say("menu")], options: menuOptions() }]);
}

export function privacy(state: ConversationState): StepResult {
  return reply(state, [
    { lines: [say("privacy")], options: [option("erase", "option.erase"), option("menu", "option.menu")] },
  ]);
}

export function thanks(state: ConversationState): StepResult {
  return reply({ ...state, misses: 0 }, [{ lines: [say("thanks")], options: menuOptions() }]);
}

/** "Bắt đầu lại": a fresh conversation (language kept); confirmed forms stay stored. */
export function restart(state: ConversationState, ctx: DialogueContext): StepResult {
  const fresh = { ...initialState(ctx.now, state.lang), turns: state.turns };
  return reply(fresh, [{ lines: [say("restart"), say("greeting.disclaimer")], options: menuOptions() }]);
}

/** Asks before erasing everything about the user. */
export function askErase(state: ConversationState): StepResult {
  return reply({ ...state, pending: { kind: "erase-confirm" } }, [
    {
      lines: [say("erase.confirm")],
      options: [option("yes", "option.erase-yes"), option("no", "option.erase-no")],
    },
  ]);
}

/** Erases state, forms, tickets and pending messages in every store. */
export function erase(state: ConversationState, ctx: DialogueContext): StepResult {
  return reply(
    { ...initialState(ctx.now, state.lang), turns: state.turns },
    [{ lines: [say("erase.done")], options: menuOptions() }],
    [{ kind: "erase" }],
  );
}

/** Text that tries to take over the assistant: refused, nothing changes. */
export function injection(state: ConversationState): StepResult {
  return reply(state, [{ lines: [say("injection")], options: menuOptions() }]);
}

/** The user offered a password or OTP: warn, never store it. */
export function secretWarning(state: ConversationState): StepResult {
  return reply(state, [{ lines: [say("secret")] }]);
}

/** Not understood: apologise, give examples; after repeated failures the engine offers an officer. */
export function notUnderstood(state: ConversationState, key = "unknown"): StepResult {
  return reply({ ...state, misses: state.misses + 1, pending: null }, [
    { lines: [say(key), say("unknown.examples")], options: menuOptions() },
  ]);
}
