// The assistant: one turn at a time per conversation (lock) — load state, understand, enrich
// (retrieval, optional language model, dossier lookup), take the pure dialogue step, perform its
// effects, render replies and save. Also the staff side: replies, release, pending updates.
import {
  step,
  understand,
  needsRetrieval,
  initialState,
  ownerIdIn,
  type ConversationState,
  type DialogueContext,
  type Nlu,
  type ReplyPlan,
  type Understanding,
} from "./dialogue/index.js";
import type { KnowledgeBase } from "./knowledge/index.js";
import { checkGrounded, redactPersonalData } from "./llm/index.js";
import { MAX_MESSAGE_CHARS, type InboundMessage, type Reply } from "./messages.js";
import { foldKey } from "./nlu/normalize.js";
import type {
  Clock,
  EventLog,
  LanguageModel,
  Retriever,
  RetrievalResult,
  DossierPort,
  StatusPort,
  Stores,
  ChecklistFiles,
  RateLimiter,
  RateRule,
  StatusAnswer,
} from "./ports.js";
import { createEffectRunner } from "./effects.js";
import { createApprovedAnswers } from "./approved-answers.js";
import { createForwarding } from "./forwarding.js";
import { photoTurn, type PhotoDeps } from "./photos/index.js";
import { createResumeHandler } from "./resume.js";
import { recordQuestion } from "./question-log.js";
import { fill, planText, renderPlans, type TemplateSet } from "./replies/index.js";

export interface AssistantDeps {
  readonly kb: KnowledgeBase;
  readonly nlu: Nlu;
  readonly templates: TemplateSet;
  readonly retriever: Retriever;
  readonly stores: Stores;
  readonly status: StatusPort;
  /** Sends confirmed forms to the portal ("not-connected" when none is configured). */
  readonly dossiers: DossierPort;
  readonly model: LanguageModel | null;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly log: EventLog;
  /** Printable checklist links for staff forwarding (/chiase); absent = forwarded answers without files. */
  readonly checklists?: ChecklistFiles;
  /** Photo check and sealed attachments; absent = photos are not looked at (the text is answered). */
  readonly photos?: Omit<PhotoDeps, "log">;
  /** Counts wrong owner ID numbers per conversation and per dossier code (absent = no limit). */
  readonly ownerIdLimit?: { readonly limiter: RateLimiter; readonly rule: RateRule };
}

/** Methods are plain functions (no `this`), so channels may take them apart. */
export interface Assistant {
  /** Handles one inbound message; always resolves (errors become a polite reply). */
  readonly handleTurn: (msg: InboundMessage) => Promise<Reply[]>;
  /** Replies waiting for a conversation outside a turn (officer answers, notifications). */
  readonly updates: (conversationId: string) => Promise<Reply[]>;
  /**
   * Sends replies to a conversation outside a turn (status notifications, a dossier created after a
   * retry), rendered in the conversation's language. False when the conversation no longer exists.
   */
  readonly deliver: (conversationId: string, plans: readonly ReplyPlan[]) => Promise<boolean>;
  /** An officer answers a ticket; the text reaches the citizen's conversation. */
  readonly staffReply: (ticketId: string, text: string) => Promise<boolean>;
  /** An officer hands the conversation back to the bot. */
  readonly release: (ticketId: string) => Promise<boolean>;
}

const VALUE_PENDING = new Set(["form-field", "form-pick-field"]);

/** The message with its text cut to MAX_MESSAGE_CHARS (never inside a surrogate pair). */
function withinLimit(msg: InboundMessage): InboundMessage {
  if (msg.text.length <= MAX_MESSAGE_CHARS) return msg;
  const end = /[\uD800-\uDBFF]/.test(msg.text.charAt(MAX_MESSAGE_CHARS - 1))
    ? MAX_MESSAGE_CHARS - 1
    : MAX_MESSAGE_CHARS;
  return { ...msg, text: msg.text.slice(0, end) };
}
/** The model intent for anything outside procedures (injections too): its procedure guess is not used. */
const NOT_A_PROCEDURE = new Set(["other"]);

/** Whether the folded, space-padded `text` names one of `keys` (folded names) as whole words. */
function namesAny(text: string, keys: readonly string[]): boolean {
  return keys.some((k) => text.includes(` ${k} `));
}

export function createAssistant(deps: AssistantDeps): Assistant {
  const procedures = new Map(deps.kb.procedures.map((p) => [p.slug, p]));
  const slugs = deps.kb.procedures.map((p) => p.slug);
  const docIds = [...deps.kb.documents.keys()];
  const catalogueNames = [...deps.kb.documents.values()].flatMap((d) => [d.name, ...d.aliases]);
  const t = (lang: "vi" | "en", key: string): string => fill(deps.templates, lang, key);
  const effects = createEffectRunner(deps);
  const forwarding = createForwarding({ ...deps, conversations: deps.stores.conversations });
  const approved = createApprovedAnswers({ ...deps, store: deps.stores.approvedAnswers });
  const resume = createResumeHandler(deps);
  /** Folded name and aliases of every catalogue document, by id. */
  const docKeys = new Map(
    [...deps.kb.documents.values()].map((d) => [d.id, [d.name, ...d.aliases].map(foldKey).filter(Boolean)]),
  );

  /**
   * Papers of the procedure under discussion (every catalogue paper without one) that the facts
   * name and a reworded answer left out: a shorter answer must not drop what the citizen must bring.
   */
  function droppedPapers(worded: string, facts: string, topic: string | null): string[] {
    const p = topic ? procedures.get(topic) : undefined;
    const ids = p ? [...new Set(p.documents.map((d) => d.doc))] : [...docKeys.keys()];
    const inFacts = ` ${foldKey(facts)} `;
    const inAnswer = ` ${foldKey(worded)} `;
    return ids.filter((id) => {
      const keys = docKeys.get(id) ?? [];
      return namesAny(inFacts, keys) && !namesAny(inAnswer, keys);
    });
  }

  /**
   * What the user typed into forms of this conversation (open and confirmed), never sent to a model;
   * for full names also the last two words, as people are called ("chị Thị Bích", "anh Văn An").
   */
  async function knownValues(state: ConversationState, conversationId: string): Promise<string[]> {
    const confirmed = await deps.stores.forms.listFor(conversationId);
    const values = [
      ...Object.values(state.form?.values ?? {}),
      ...confirmed.flatMap((f) => Object.values(f.values)),
    ];
    const calledBy = values
      .map((v) => v.trim().split(/\s+/))
      .filter(
        (words) => words.length >= 3 && words.length <= 6 && words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w)),
      )
      .map((words) => words.slice(-2).join(" "));
    return [...values, ...calledBy];
  }

  async function retrieve(
    state: ConversationState,
    u: Understanding,
    conversationId: string,
  ): Promise<RetrievalResult | null> {
    if (!needsRetrieval(state, u)) return null;
    const r = await deps.retriever.search(u.text);
    if (r.decision === "answer" || !deps.model || VALUE_PENDING.has(state.pending?.kind ?? "")) return r;
    // Text the rules recognised as an injection never reaches the model (it could be talked round).
    if (r.reason === "injection") return r;
    const known = await knownValues(state, conversationId);
    const m = await deps.model.understand(redactPersonalData(u.text, known), {
      procedures: slugs,
      documents: docIds,
    });
    if (!m?.procedure || !procedures.has(m.procedure) || NOT_A_PROCEDURE.has(m.intent)) return r;
    deps.log.info("model.understood", { procedure: m.procedure, intent: m.intent });
    const rest = r.candidates.filter((c) => c.slug !== m.procedure);
    return {
      decision: "answer",
      candidates: [{ slug: m.procedure, score: 1 }, ...rest].slice(0, 3),
      confidence: Math.max(r.confidence, 0.8),
      reason: "model",
    };
  }

  async function enrich(
    state: ConversationState,
    u: Understanding,
    conversationId: string,
  ): Promise<Understanding> {
    const retrieval = await retrieve(state, u, conversationId);
    const pending = state.pending;
    // The owner's ID number answers a pending lookup; it is passed to the port and forgotten.
    const owner = pending?.kind === "status-owner-id" ? ownerIdIn(u.text) : null;
    const code = owner && pending?.kind === "status-owner-id" ? pending.code : u.dossierCodes[0];
    const status = owner
      ? await ownerLookup(code ?? "", conversationId, owner)
      : code && !VALUE_PENDING.has(pending?.kind ?? "")
        ? await deps.status.lookup(code, conversationId)
        : null;
    const wantsMine = u.intents.has("status") || u.optionId === "status";
    const myDossiers = wantsMine && !code ? await deps.status.listFor(conversationId) : null;
    return { ...u, retrieval, status, myDossiers };
  }

  /**
   * A lookup with the owner's ID number, refused while the conversation or the dossier code has had
   * too many wrong numbers lately (guessing CCCD numbers); a wrong number counts against both.
   */
  async function ownerLookup(code: string, conversationId: string, owner: string): Promise<StatusAnswer> {
    const limit = deps.ownerIdLimit;
    if (!limit || limit.rule.max <= 0) return deps.status.lookup(code, conversationId, owner);
    const keys = [`owner-id:conv:${conversationId}`, `owner-id:code:${code}`];
    const now = deps.clock.now();
    const standing = await Promise.all(keys.map((k) => limit.limiter.peek(k, limit.rule, now)));
    if (standing.some((d) => !d.allowed)) {
      deps.log.warn("status.owner-id.limited", {});
      return { kind: "too-many-attempts" };
    }
    const answer = await deps.status.lookup(code, conversationId, owner);
    if (answer.kind === "not-found")
      await Promise.all(keys.map((k) => limit.limiter.hit(k, limit.rule, now)));
    return answer;
  }

  /** Text of each plan; a plan marked `phrase` may be reworded by the model when it stays grounded. */
  async function texts(
    plans: readonly ReplyPlan[],
    lang: "vi" | "en",
    state: ConversationState,
    conversationId: string,
  ): Promise<string[]> {
    const model = deps.model;
    const known = model && plans.some((p) => p.phrase) ? await knownValues(state, conversationId) : [];
    return Promise.all(
      plans.map(async (plan) => {
        const facts = planText(deps.templates, lang, plan);
        if (!plan.phrase || !model) return facts;
        const question = redactPersonalData(plan.phrase.question, known);
        const worded = await model.phrase(question, facts, lang);
        if (!worded) return facts;
        const check = checkGrounded(worded, facts, catalogueNames);
        const dropped = droppedPapers(worded, facts, state.topic);
        if (check.ok && dropped.length === 0) return worded;
        deps.log.warn("model.answer.rejected", { problems: check.problems.length, dropped: dropped.length });
        return facts;
      }),
    );
  }

  async function turn(msg: InboundMessage): Promise<Reply[]> {
    const now = deps.clock.now();
    const loaded = await deps.stores.conversations.load(msg.conversationId);
    const state = loaded ?? initialState(now);
    const photo = deps.photos && (await photoTurn({ ...deps.photos, log: deps.log }, state, msg, now));
    if (photo) {
      await deps.stores.conversations.save(msg.conversationId, { ...photo.state, options: [] });
      deps.log.info("turn", { channel: msg.channel, photo: photo.outcome });
      return renderPlans(deps.templates, photo.state.lang, photo.plans);
    }
    const understood = () =>
      enrich(state, understand(deps.nlu, state, msg.text, msg.optionId), msg.conversationId);
    // Staff forwarding (/chiase, questions from listed officers) never touches their own dialogue.
    const forwarded = msg.fromStaff ? await forwarding.turn(msg, state, understood) : null;
    if (forwarded?.kind === "replies") return forwarded.replies;
    const u = forwarded?.understanding ?? (await understood());
    const ctx: DialogueContext = {
      kb: deps.kb,
      procedures,
      documents: deps.kb.documents,
      conversationId: msg.conversationId,
      channel: msg.channel,
      now,
      newId: deps.newId,
    };
    const result = (msg.fromStaff ? null : await approved.step(state, u, ctx)) ?? step(state, u, ctx);
    const done = await effects.run(result.effects, result.state, msg);
    await recordQuestion(deps, msg, { before: state, u, result });
    const next = done.state;
    const lang = next.lang;
    const plans = [...result.replies, ...done.plans];
    const bodies = await texts(plans, lang, next, msg.conversationId);
    const replies = renderPlans(deps.templates, lang, plans, (_, i) => bodies[i] ?? "");
    const shown = replies.at(-1)?.options ?? [];
    const erased = result.effects.some((e) => e.kind === "erase");
    // After an erase only a blank state is kept (language and the menu just shown, so "2" still
    // picks an option); it holds nothing the citizen told us.
    const kept = erased ? { ...initialState(now, lang), turns: 0 } : next;
    await deps.stores.conversations.save(msg.conversationId, {
      ...kept,
      options: replies.length > 0 ? [...shown] : kept.options,
    });
    deps.log.info("turn", {
      channel: msg.channel,
      intents: [...u.intents].slice(0, 4),
      decision: u.retrieval?.decision ?? null,
      replies: replies.length,
    });
    return erased && replies[0] ? [{ ...replies[0], control: "data-erased" }, ...replies.slice(1)] : replies;
  }

  return {
    async handleTurn(inbound) {
      const msg = withinLimit(inbound);
      try {
        // "mã tiếp tục" / "tiếp tục ABC234" take their own locks (two conversations when moving).
        const resumed = await resume.handle(msg);
        if (resumed) return resumed;
        return await deps.stores.locks.run(msg.conversationId, () => turn(msg));
      } catch (err) {
        deps.log.error("turn.failed", { error: err instanceof Error ? err.name : "unknown" });
        return [{ text: t("vi", "error.busy") }];
      }
    },
    async deliver(conversationId, plans) {
      const state = await deps.stores.conversations.load(conversationId);
      if (!state) return false;
      await deps.stores.outbox.push(conversationId, renderPlans(deps.templates, state.lang, plans));
      return true;
    },
    async updates(conversationId) {
      return deps.stores.outbox.drain(conversationId);
    },
    async staffReply(ticketId, text) {
      const ticket = await deps.stores.handoffs.get(ticketId);
      if (!ticket || ticket.status !== "open") return false;
      await deps.stores.handoffs.appendTranscript(ticketId, { from: "staff", text, at: deps.clock.now() });
      const state = await deps.stores.conversations.load(ticket.conversationId);
      await deps.stores.outbox.push(ticket.conversationId, [
        { text: `${t(state?.lang ?? "vi", "staff.prefix")} ${text}` },
      ]);
      return true;
    },
    async release(ticketId) {
      // Closing is idempotent in the stores; releasing a closed ticket again must change nothing
      // (no second notice, and never the conversation's newer ticket).
      const open = await deps.stores.handoffs.get(ticketId);
      if (!open || open.status !== "open") return false;
      const ticket = await deps.stores.handoffs.close(ticketId, deps.clock.now());
      if (!ticket) return false;
      await deps.stores.locks.run(ticket.conversationId, async () => {
        const state = await deps.stores.conversations.load(ticket.conversationId);
        if (state?.handoff?.ticketId === ticketId)
          await deps.stores.conversations.save(ticket.conversationId, { ...state, handoff: null, misses: 0 });
        await deps.stores.outbox.push(ticket.conversationId, [
          { text: t(state?.lang ?? "vi", "staff.released") },
        ]);
      });
      deps.log.info("handoff.released", { ticket: ticketId });
      return true;
    },
  };
}
