// The dialogue step: a pure function of (state, understanding, context) returning the new state,
// the replies to render and the effects to perform. Routes to the flows in ./flows.
import type { Procedure } from "../knowledge/index.js";
import type { ConversationState } from "./state.js";
import { say, type DialogueContext, type StepResult, type Understanding } from "./types.js";
import {
  answerCondition,
  answerTick,
  checklistWith,
  repeatQuestion,
  tickPrompt,
} from "./flows/checklist-flow.js";
import { answerConfirm, answerConsent, answerField, answerPickField, startForm } from "./flows/form.js";
import { offerHandoff, silentTurn, startHandoff } from "./flows/handoff.js";
import { choosePlans, followupPlans, requirementsPlans, type Followup } from "./flows/procedure.js";
import { answerOwnerId, statusReply } from "./flows/status.js";
import * as sys from "./flows/system.js";
import { parsePick } from "../nlu/numbers.js";

const FOLLOWUPS: readonly Followup[] = ["fee", "time", "where", "online", "papers", "more", "source"];
/** Commands that leave a form field question (the form is kept and can be resumed). */
const FORM_ESCAPES = ["privacy", "form", "checklist", "status"] as const;
/** After this many consecutive misses the assistant offers a human officer. */
const MISSES_BEFORE_HANDOFF = 2;

/**
 * The procedure the message is about: the retrieval's confident single answer, else the one
 * procedure the text names outright ("kiểm tra giấy tờ làm hộ chiếu").
 */
function answered(u: Understanding, ctx: DialogueContext): Procedure | null {
  const slug = u.retrieval?.decision === "answer" ? u.retrieval.candidates[0]?.slug : undefined;
  const named = u.procedures.length === 1 ? u.procedures[0] : undefined;
  const chosen = slug ?? named;
  return chosen ? (ctx.procedures.get(chosen) ?? null) : null;
}

/**
 * The procedure papers mentioned in this message belong to: the current topic, unless the user
 * names another procedure outright (a paper called "giấy đăng ký kết hôn" does not switch to marriage).
 */
function papersTopic(found: Procedure | null, current: Procedure | null, u: Understanding): Procedure | null {
  if (current && found && found.slug !== current.slug && !u.procedures.includes(found.slug)) return current;
  return found ?? current;
}

function topic(state: ConversationState, ctx: DialogueContext): Procedure | null {
  return state.topic ? (ctx.procedures.get(state.topic) ?? null) : null;
}

/** A short message that is only the command ("gặp cán bộ", "menu"), not a sentence containing it. */
function isCommand(u: Understanding, maxWords = 5): boolean {
  return u.text.trim().split(/\s+/).length <= maxWords;
}

/** The user picked a procedure: run what they wanted to do with it, or answer its requirements. */
function select(state: ConversationState, ctx: DialogueContext, p: Procedure, u: Understanding): StepResult {
  const base: ConversationState = {
    ...state,
    topic: p.slug,
    after: null,
    misses: 0,
    pending: null,
    papers: null,
    checklist: state.checklist?.slug === p.slug ? state.checklist : null,
  };
  if (state.after === "checklist") {
    const earlier = state.papers ?? { have: [], lack: [] };
    const mentions = {
      have: [...new Set([...earlier.have, ...u.documents.have])],
      lack: [...new Set([...earlier.lack, ...u.documents.lack])],
      named: u.documents.named,
    };
    return checklistWith({ ...base, papers: null }, ctx, p, mentions);
  }
  if (state.after === "form") return startForm(base, p);
  return { state: base, replies: requirementsPlans(ctx, p, u.text, state.lang), effects: [] };
}

/** Asks which procedure, remembering what to do next. */
function askTopic(state: ConversationState, after: ConversationState["after"]): StepResult {
  return sys.reply({ ...state, after, pending: null }, [
    { lines: [say(after ? `ask-topic.${after}` : "ask-topic")] },
  ]);
}

/** Offers the candidate procedures to pick from, remembering what to do next. */
function choose(state: ConversationState, ctx: DialogueContext, u: Understanding): StepResult {
  const slugs = u.retrieval?.candidates.map((c) => c.slug) ?? [];
  return sys.reply(
    { ...state, pending: { kind: "choose-procedure", slugs }, misses: 0 },
    choosePlans(ctx, slugs, state.lang),
  );
}

/** A checklist or form without a known procedure: offer the candidates, or ask which procedure. */
function chooseTopic(
  state: ConversationState,
  ctx: DialogueContext,
  u: Understanding,
  after: "checklist" | "form",
): StepResult {
  const papers =
    after === "checklist" && (u.documents.have.length > 0 || u.documents.lack.length > 0)
      ? { have: [...u.documents.have], lack: [...u.documents.lack] }
      : state.papers;
  const next = { ...state, after, papers };
  return u.retrieval?.decision === "choose" && u.retrieval.candidates.length > 0
    ? choose(next, ctx, u)
    : askTopic(next, after);
}

function answerPending(state: ConversationState, ctx: DialogueContext, u: Understanding): StepResult | null {
  const pending = state.pending;
  const p = topic(state, ctx);
  if (!pending) return null;
  switch (pending.kind) {
    case "choose-procedure": {
      const pick = parsePick(u.text);
      const slug = u.optionId?.startsWith("proc:")
        ? u.optionId.slice(5)
        : pick !== null
          ? pending.slugs[pick - 1]
          : undefined;
      const chosen = slug ? ctx.procedures.get(slug) : undefined;
      if (chosen) return select(state, ctx, chosen, u);
      if (u.optionId === "none") return offerHandoff({ ...state, pending: null }, [say("choose.none")]);
      return null;
    }
    case "checklist-tick":
      return p ? answerTick(state, ctx, p, u) : null;
    case "checklist-condition": {
      if (!p) return null;
      const answer = answerCondition(state, ctx, p, pending.line, u);
      // Anything that is not a new request ("ở đâu cũng được") gets the question again.
      const other =
        answered(u, ctx) || u.intents.size > 0 || u.optionId || u.retrieval?.decision === "choose";
      return answer ?? (other ? null : repeatQuestion(state, ctx, p, pending.line));
    }
    case "form-consent":
      return p ? answerConsent(state, p, u) : null;
    case "form-field":
      return p ? answerField(state, ctx, p, u) : null;
    case "form-confirm":
      return p ? answerConfirm(state, ctx, p, u) : null;
    case "form-pick-field":
      return p ? answerPickField(state, p, u, parsePick(u.text)) : null;
    case "handoff-offer":
      if (u.optionId === "handoff" || u.intents.has("yes")) return startHandoff(state, ctx, "failures");
      if (u.optionId === "menu" || u.intents.has("no")) return sys.menu({ ...state, misses: 0 });
      return null;
    case "status-owner-id":
      return answerOwnerId(state, pending.code, u, ctx.now);
    case "erase-confirm":
      return null; // handled before any other routing
    case "photo-attach":
      return null; // the photo itself is handled before the step (core/photos.ts); text moves on
  }
}

function routeOption(state: ConversationState, ctx: DialogueContext, u: Understanding): StepResult | null {
  const id = u.optionId ?? "";
  const p = topic(state, ctx);
  if (id.startsWith("proc:")) {
    const chosen = ctx.procedures.get(id.slice(5));
    return chosen ? select(state, ctx, chosen, u) : null;
  }
  if (id.startsWith("status:")) return statusReply(state, { ...u, dossierCodes: [id.slice(7)] }, ctx.now);
  switch (id) {
    case "menu":
      return sys.menu(state);
    case "ask":
      return askTopic(state, null);
    case "checklist":
      return p ? checklistWith(state, ctx, p, u.documents) : askTopic(state, "checklist");
    case "checklist-tick":
      return p ? tickPrompt(state, ctx, p) : askTopic(state, "checklist");
    case "form":
      return p ? startForm(state, p) : askTopic(state, "form");
    case "status":
      return statusReply(state, u, ctx.now);
    case "handoff":
      return startHandoff(state, ctx, "requested");
    case "privacy":
      return sys.privacy(state);
    case "erase":
      return sys.askErase(state);
    default:
      return null;
  }
}

function routeText(state: ConversationState, ctx: DialogueContext, u: Understanding): StepResult {
  const has = (i: Parameters<typeof u.intents.has>[0]): boolean => u.intents.has(i);
  const found = answered(u, ctx);
  const current = topic(state, ctx);
  if (has("handoff") && isCommand(u, 8)) return startHandoff(state, ctx, "requested");
  if (has("privacy") && isCommand(u, 8)) return sys.privacy(state);
  if (u.dossierCodes.length > 0 || (has("status") && !found)) return statusReply(state, u, ctx.now);
  if (has("help") && isCommand(u, 8) && !found) return sys.help(state);
  if (has("greeting") && isCommand(u, 4) && !found) return sys.greeting(state);
  if (has("thanks") && isCommand(u, 6) && !found) return sys.thanks(state);
  const listed = papersTopic(found, current, u);
  // Only lacking a paper of another procedure ("mất thẻ BHYT làm lại thế nào") asks about that procedure.
  const owns =
    u.documents.have.length > 0 ||
    (u.documents.lack.length > 0 && current !== null && listed?.slug === current.slug);
  if (owns || (has("checklist") && (listed || isCommand(u)))) {
    return listed
      ? checklistWith({ ...state, topic: listed.slug }, ctx, listed, u.documents)
      : chooseTopic(state, ctx, u, "checklist");
  }
  if (has("form")) {
    const p = found ?? current;
    return p ? startForm(state, p) : chooseTopic(state, ctx, u, "form");
  }
  const followup = FOLLOWUPS.find((f) => has(f));
  if (followup && current && (!found || found.slug === current.slug)) {
    return sys.reply(
      { ...state, misses: 0, pending: null },
      followupPlans(ctx, current, followup, state.lang),
    );
  }
  if (found) return select(state, ctx, found, u);
  if (u.retrieval?.decision === "choose" && u.retrieval.candidates.length > 0) return choose(state, ctx, u);
  if (state.misses >= MISSES_BEFORE_HANDOFF)
    return offerHandoff({ ...state, misses: state.misses + 1 }, [say("unknown.again")]);
  return sys.notUnderstood(state, u.retrieval?.decision === "none" ? "not-found" : "unknown");
}

/** One dialogue step. */
export function step(state: ConversationState, u: Understanding, ctx: DialogueContext): StepResult {
  const s: ConversationState = {
    ...state,
    turns: state.turns + 1,
    updatedAt: ctx.now,
    lang: u.lang ?? state.lang,
  };
  // Erasing is answered even while an officer has the conversation (the confirmation too).
  if (s.pending?.kind === "erase-confirm") {
    if (u.optionId === "yes" || u.intents.has("yes")) return sys.erase(s, ctx);
    return sys.reply({ ...s, pending: null }, [{ lines: [say("erase.kept")], options: sys.menuOptions() }]);
  }
  if (s.handoff) return u.intents.has("erase") && isCommand(u, 8) ? sys.askErase(s) : silentTurn(s, u.text);
  if (u.injection) return sys.injection(s);
  if (u.intents.has("secret")) return sys.secretWarning(s);
  if (u.intents.has("erase") && isCommand(u, 8)) return sys.askErase(s);
  if ((u.intents.has("restart") && isCommand(u)) || u.optionId === "restart") return sys.restart(s, ctx);
  // A short command typed where a form value is expected is the command, not the value ("điền tờ
  // khai" is not a name); the form keeps its values and resumes at the same field.
  if (s.pending?.kind === "form-field" && isCommand(u, 4)) {
    if (u.intents.has("handoff")) return startHandoff(s, ctx, "requested");
    if (u.intents.has("help")) return sys.help(s);
    if (FORM_ESCAPES.some((i) => u.intents.has(i))) return routeText({ ...s, pending: null }, ctx, u);
  }
  return answerPending(s, ctx, u) ?? routeOption(s, ctx, u) ?? routeText({ ...s, pending: null }, ctx, u);
}
