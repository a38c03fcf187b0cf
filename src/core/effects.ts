// Performs the effects a dialogue step asked for, through the ports: save a confirmed form, send it
// to the portal, open a handoff ticket, add to its transcript, erase everything of a conversation.
import { submissionPlans, type ConversationState, type Effect, type ReplyPlan } from "./dialogue/index.js";
import type { KnowledgeBase, Procedure } from "./knowledge/index.js";
import { automatedNoticeKey, rateNoticeKey, type InboundMessage } from "./messages.js";
import type { Clock, DossierPort, EventLog, Stores, SubmitOutcome } from "./ports.js";

export interface EffectDeps {
  readonly kb: KnowledgeBase;
  readonly stores: Stores;
  readonly dossiers: DossierPort;
  readonly clock: Clock;
  readonly log: EventLog;
}

/** What performing the effects changed: the state (e.g. a ticket id) and replies to add. */
export interface EffectResult {
  readonly state: ConversationState;
  readonly plans: ReplyPlan[];
}

export function createEffectRunner(deps: EffectDeps) {
  const procedures = new Map<string, Procedure>(deps.kb.procedures.map((p) => [p.slug, p]));
  const docNames = new Map([...deps.kb.documents.values()].map((d) => [d.id, d.name]));
  const s = deps.stores;

  async function submit(
    e: Extract<Effect, { kind: "submit-dossier" }>,
    msg: InboundMessage,
  ): Promise<ReplyPlan[]> {
    let outcome: SubmitOutcome;
    try {
      outcome = await deps.dossiers.submit(e.form, {
        channel: msg.channel,
        conversationId: msg.conversationId,
      });
    } catch (err) {
      deps.log.error("dossier.submit.failed", { error: err instanceof Error ? err.name : "unknown" });
      outcome = { kind: "unavailable" };
    }
    deps.log.info("dossier.submit", { outcome: outcome.kind, procedure: e.form.procedure });
    const p = procedures.get(e.form.procedure);
    return p ? submissionPlans(outcome, p, docNames) : [];
  }

  async function openHandoff(
    e: Extract<Effect, { kind: "open-handoff" }>,
    state: ConversationState,
    msg: InboundMessage,
  ): Promise<ConversationState> {
    const ticket = await s.handoffs.open(
      {
        conversationId: msg.conversationId,
        channel: msg.channel,
        reason: e.reason,
        procedure: e.procedure,
        summary: e.summary,
      },
      deps.clock.now(),
    );
    await s.handoffs.appendTranscript(ticket.id, { from: "citizen", text: msg.text, at: deps.clock.now() });
    deps.log.info("handoff.opened", { ticket: ticket.id, reason: e.reason });
    return { ...state, handoff: { ticketId: ticket.id } };
  }

  /** Erases the conversation's state, forms, dossier links, tickets, transcripts, replies and questions. */
  async function erase(conversationId: string): Promise<void> {
    await Promise.all([
      s.handoffs.deleteConversation(conversationId),
      s.forms.deleteConversation(conversationId),
      s.dossiers.deleteConversation(conversationId),
      s.outbox.deleteConversation(conversationId),
      s.mailbox.deleteConversation(conversationId),
      s.attachments.deleteConversation(conversationId),
      s.resumeCodes.deleteConversation(conversationId),
      s.questions.deleteConversation(conversationId),
      s.seen.forget(automatedNoticeKey(conversationId)),
      s.seen.forget(rateNoticeKey(conversationId)),
    ]);
    await s.conversations.delete(conversationId);
    deps.log.info("conversation.erased", {});
  }

  return {
    erase,
    async run(
      effects: readonly Effect[],
      state: ConversationState,
      msg: InboundMessage,
    ): Promise<EffectResult> {
      let next = state;
      const plans: ReplyPlan[] = [];
      for (const e of effects) {
        switch (e.kind) {
          case "save-form":
            await s.forms.save(e.form);
            break;
          case "submit-dossier":
            plans.push(...(await submit(e, msg)));
            break;
          case "open-handoff":
            next = await openHandoff(e, next, msg);
            break;
          case "transcript":
            if (next.handoff)
              await s.handoffs.appendTranscript(next.handoff.ticketId, {
                from: "citizen",
                text: e.text,
                at: deps.clock.now(),
              });
            break;
          case "erase":
            await erase(msg.conversationId);
            break;
        }
      }
      return { state: next, plans };
    },
  };
}
