// Staff forwarding turns (messages marked fromStaff): "/chiase <thủ tục>", "/chiase 2", a candidate
// button or any question about a procedure get one compact copy-ready answer plus printable checklist
// links, with no follow-up question, form or handoff. The staff member's own conversation (topic,
// pending question, options) is left exactly as it was; only the candidate list is remembered.
import {
  initialState,
  understand,
  type ConversationState,
  type Nlu,
  type Understanding,
} from "./dialogue/index.js";
import {
  FORWARD_OPTION,
  MAX_FORWARD_CANDIDATES,
  forwardChoice,
  forwardText,
  parseForwardCommand,
  type Fill,
} from "./dialogue/flows/forward.js";
import { isQuestionTurn } from "./dialogue/question-turn.js";
import type { KnowledgeBase, Procedure } from "./knowledge/index.js";
import type { InboundMessage, Reply } from "./messages.js";
import type {
  ChecklistFiles,
  Clock,
  ConversationStore,
  EventLog,
  RetrievalResult,
  Retriever,
} from "./ports.js";
import { fill, type TemplateSet } from "./replies/index.js";

export interface ForwardingDeps {
  readonly kb: KnowledgeBase;
  readonly nlu: Nlu;
  readonly templates: TemplateSet;
  readonly retriever: Retriever;
  readonly conversations: Pick<ConversationStore, "save">;
  /** Printable checklist links; absent = the answer comes without files. */
  readonly checklists?: ChecklistFiles | null;
  readonly clock: Clock;
  readonly log: EventLog;
}

/** Either the forwarding replies, or "not forwarding" with the understanding already computed (reused). */
export type ForwardOutcome =
  | { readonly kind: "replies"; readonly replies: Reply[] }
  | { readonly kind: "pass"; readonly understanding: Understanding };

/** Whether a staff member's free text is a question about a procedure (answered in forwarding mode). */
function isProcedureQuestion(state: ConversationState, u: Understanding): boolean {
  if (!isQuestionTurn(state, u)) return false;
  const decision = u.retrieval?.decision;
  return decision === "answer" || decision === "choose" || u.procedures.length > 0;
}

export interface Forwarding {
  /** Handles a staff message; "pass" hands it to the ordinary dialogue with its understanding. */
  turn(
    msg: InboundMessage,
    state: ConversationState,
    understood: () => Promise<Understanding>,
  ): Promise<ForwardOutcome>;
}

export function createForwarding(deps: ForwardingDeps): Forwarding {
  const procedures = new Map(deps.kb.procedures.map((p) => [p.slug, p]));
  const names = new Map([...deps.kb.documents.values()].map((d) => [d.id, d.name]));
  // Forwarded answers are copied to citizens: always in Vietnamese, the official wording.
  const lang = "vi" as const;
  const t: Fill = (key, params) => fill(deps.templates, lang, key, params);
  const replies = (outcome: string, list: Reply[], procedure: string | null = null): ForwardOutcome => {
    deps.log.info("forward", { outcome, procedure });
    return { kind: "replies", replies: list };
  };

  function answer(p: Procedure): ForwardOutcome {
    const files = deps.checklists?.files(p.slug) ?? [];
    const links = files.map((f) => ({ url: f.url, label: f.name }));
    const filesReply: Reply[] = files.length > 0 ? [{ text: t("forward.files"), files, links }] : [];
    return replies("answer", [{ text: forwardText(t, p, names) }, ...filesReply], p.slug);
  }

  async function choose(
    id: string,
    state: ConversationState,
    slugs: readonly string[],
  ): Promise<ForwardOutcome> {
    const found = slugs.map((s) => procedures.get(s)).filter((p): p is Procedure => p !== undefined);
    const candidates = found.slice(0, MAX_FORWARD_CANDIDATES);
    if (candidates.length === 0) return replies("not-found", [{ text: t("forward.not-found") }]);
    // Only the candidate list changes; everything of the citizen flow is saved back as it was.
    const forward = { slugs: candidates.map((p) => p.slug) };
    await deps.conversations.save(id, { ...state, forward });
    return replies("choose", [forwardChoice(t, candidates)]);
  }

  /** Answers, offers candidates or says nothing matched, from what the query resolved to. */
  function decide(
    id: string,
    state: ConversationState,
    u: Understanding,
    r: RetrievalResult | null,
  ): Promise<ForwardOutcome> {
    const top = r?.decision === "answer" ? r.candidates[0]?.slug : undefined;
    const named = u.procedures.length === 1 ? u.procedures[0] : undefined;
    const p = procedures.get(top ?? named ?? "");
    if (p) return Promise.resolve(answer(p));
    const slugs = r?.decision === "choose" ? r.candidates.map((c) => c.slug) : [...u.procedures];
    return choose(id, state, slugs);
  }

  return {
    async turn(msg, state, understood) {
      const id = msg.conversationId;
      const option = msg.optionId?.startsWith(FORWARD_OPTION)
        ? msg.optionId.slice(FORWARD_OPTION.length)
        : null;
      const picked = option === null ? undefined : procedures.get(option);
      if (picked) return answer(picked);
      const command = parseForwardCommand(msg.text);
      if (command?.kind === "usage") return replies("usage", [{ text: t("forward.usage") }]);
      if (command?.kind === "pick") {
        const p = procedures.get(state.forward?.slugs[command.n - 1] ?? "");
        return p ? answer(p) : replies("pick-missing", [{ text: t("forward.pick-missing") }]);
      }
      if (command?.kind === "query") {
        const u = understand(deps.nlu, initialState(deps.clock.now()), command.text);
        const r = u.analyzed.content.length > 0 ? await deps.retriever.search(u.text) : null;
        return decide(id, state, u, r);
      }
      const u = await understood();
      return isProcedureQuestion(state, u)
        ? decide(id, state, u, u.retrieval)
        : { kind: "pass", understanding: u };
    },
  };
}
