// Continuing a conversation on another channel: "mã tiếp tục" gives a short single-use code;
// "tiếp tục ABC234" elsewhere moves the state, forms, dossier links and tickets there, under both locks.
import {
  busyPlans,
  channelLabel,
  channelOf,
  codePlans,
  continueHere,
  gonePlans,
  movedAwayPlans,
  sameConversationPlans,
  tooManyPlans,
  wrongCodePlans,
  RESUME_CODE_MINUTES,
  RESUME_FAILURE_WINDOW_MINUTES,
  RESUME_MAX_FAILURES,
} from "./dialogue/flows/resume.js";
import { initialState, type DialogueContext, type Nlu, type ReplyPlan } from "./dialogue/index.js";
import type { KnowledgeBase } from "./knowledge/index.js";
import type { InboundMessage, Reply } from "./messages.js";
import {
  analyze,
  detectLanguage,
  makeResumeCode,
  parseResumeCommand,
  type ResumeCommand,
} from "./nlu/index.js";
import type { Clock, EventLog, Stores } from "./ports.js";
import { fill, renderPlans, type TemplateSet } from "./replies/index.js";

/** What the resume handler needs (a subset of the assistant's dependencies). */
export interface ResumeDeps {
  readonly kb: KnowledgeBase;
  readonly nlu: Nlu;
  readonly templates: TemplateSet;
  readonly stores: Stores;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly log: EventLog;
  /** `size` random bytes for codes (default: Web Crypto's getRandomValues). */
  readonly randomBytes?: (size: number) => Uint8Array;
}

/** Handles the messages about resume codes before the ordinary turn. */
export interface ResumeHandler {
  /** Replies to asking for a code or typing one; null for every other message (an ordinary turn). */
  readonly handle: (msg: InboundMessage) => Promise<Reply[] | null>;
}

const CODE_SECONDS = RESUME_CODE_MINUTES * 60;
const WINDOW_SECONDS = RESUME_FAILURE_WINDOW_MINUTES * 60;
/** A request for a code is a short command, not a sentence that happens to contain the words. */
const MAX_REQUEST_WORDS = 8;
type Lang = "vi" | "en";
/** Transcript notes are for one-stop officers, who read Vietnamese. */
const OFFICER_LANG: Lang = "vi";

const webRandom = (size: number): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(size));

/**
 * The resume-code handler the assistant runs before every turn. It takes the locks itself: one to
 * give a code, both conversations' (in sorted order, so two crossed moves cannot deadlock) to move.
 */
export function createResumeHandler(deps: ResumeDeps): ResumeHandler {
  const s = deps.stores;
  const random = deps.randomBytes ?? webRandom;
  const procedures = new Map(deps.kb.procedures.map((p) => [p.slug, p]));
  const render = (lang: Lang, plans: readonly ReplyPlan[]): Reply[] =>
    renderPlans(deps.templates, lang, plans);
  const context = (msg: InboundMessage, now: number): DialogueContext => ({
    kb: deps.kb,
    procedures,
    documents: deps.kb.documents,
    conversationId: msg.conversationId,
    channel: msg.channel,
    now,
    newId: deps.newId,
  });

  function asksForCode(text: string): boolean {
    const clean = text.normalize("NFC").trim();
    if (clean.length === 0 || clean.split(/\s+/).length > MAX_REQUEST_WORDS) return false;
    return deps.nlu.intents.find(analyze(clean, deps.nlu.lexicon)).some((m) => m.key === "resume");
  }

  /** Gives the conversation a fresh code (replacing any earlier one); its state is left as it was. */
  async function issue(msg: InboundMessage): Promise<Reply[]> {
    const id = msg.conversationId;
    return s.locks.run(id, async () => {
      const state = await s.conversations.load(id);
      const lang = detectLanguage(msg.text) ?? state?.lang ?? "vi";
      if (!state) await s.conversations.save(id, initialState(deps.clock.now(), lang));
      for (let attempt = 0; attempt < 8; attempt++) {
        const code = makeResumeCode(random);
        if (await s.resumeCodes.issue(code, id, CODE_SECONDS)) {
          deps.log.info("resume.issued", { channel: msg.channel });
          return render(lang, codePlans(code));
        }
      }
      throw new Error("no unused resume code found");
    });
  }

  async function refuse(to: string, lang: Lang): Promise<Reply[]> {
    const count = await s.resumeCodes.recordFailure(to, WINDOW_SECONDS);
    deps.log.info("resume.refused", { reason: "wrong-code", attempts: count });
    return render(
      lang,
      count >= RESUME_MAX_FAILURES ? tooManyPlans() : wrongCodePlans(RESUME_MAX_FAILURES - count),
    );
  }

  /** Moves dossier links, forms, tickets and waiting replies of `from` to `to`; returns what moved. */
  async function moveRecords(from: string, to: string, channel: string, now: number) {
    const links = await s.dossiers.linksFor(from);
    for (const link of links) await s.dossiers.link({ ...link, conversationId: to });
    const forms = (await s.forms.listFor(from)).length;
    await s.forms.moveConversation(from, to);
    await s.attachments.moveConversation(from, to);
    const ticket = await s.handoffs.openFor(from);
    await s.handoffs.moveConversation(from, to, channel, now);
    if (ticket) {
      const text = fill(deps.templates, OFFICER_LANG, "resume.transcript", { to: channelLabel(channel) });
      await s.handoffs.appendTranscript(ticket.id, { from: "bot", text, at: now });
    }
    const waiting = await s.outbox.drain(from);
    if (waiting.length > 0) await s.outbox.push(to, waiting);
    return { dossiers: links.length, forms, ticket: ticket !== null };
  }

  /** With both locks held: the conversation of the code moves here, or the code goes back. */
  async function move(msg: InboundMessage, from: string, code: string, lang: Lang): Promise<Reply[]> {
    const to = msg.conversationId;
    const now = deps.clock.now();
    const ctx = context(msg, now);
    const [old, here] = await Promise.all([s.conversations.load(from), s.conversations.load(to)]);
    if (!old) {
      deps.log.info("resume.refused", { reason: "gone" });
      return render(lang, gonePlans());
    }
    const busy = here ? busyPlans(here, ctx) : null;
    if (here && busy) {
      await s.resumeCodes.issue(code, from, CODE_SECONDS); // still usable once this one is free
      deps.log.info("resume.refused", { reason: "busy" });
      return render(here.lang, busy);
    }
    const result = continueHere(old, ctx, channelOf(from));
    const replies = render(result.state.lang, result.replies);
    await s.conversations.save(to, { ...result.state, options: [...(replies.at(-1)?.options ?? [])] });
    const moved = await moveRecords(from, to, msg.channel, now);
    await s.conversations.save(from, initialState(now, old.lang));
    await s.resumeCodes.deleteConversation(from);
    await s.outbox.push(from, render(old.lang, movedAwayPlans(msg.channel)));
    deps.log.info("resume.moved", { from: channelOf(from), to: msg.channel, ...moved });
    return replies;
  }

  /** Runs `fn` holding the locks of both conversations, always taken in the same (sorted) order. */
  function withBoth<T>(a: string, b: string, fn: () => Promise<T>): Promise<T> {
    const [first = a, second = b] = [a, b].sort();
    return s.locks.run(first, () => s.locks.run(second, fn));
  }

  async function redeem(msg: InboundMessage, command: ResumeCommand): Promise<Reply[]> {
    const to = msg.conversationId;
    const lang = detectLanguage(msg.text) ?? (await s.conversations.load(to))?.lang ?? "vi";
    if ((await s.resumeCodes.failures(to)) >= RESUME_MAX_FAILURES) {
      deps.log.info("resume.refused", { reason: "too-many" });
      return render(lang, tooManyPlans());
    }
    const from = command.kind === "code" ? await s.resumeCodes.take(command.code) : null;
    if (command.kind !== "code" || from === null) return refuse(to, lang);
    if (from === to) {
      await s.resumeCodes.issue(command.code, from, CODE_SECONDS);
      return render(lang, sameConversationPlans());
    }
    return withBoth(from, to, () => move(msg, from, command.code, lang));
  }

  return {
    async handle(msg) {
      if (msg.optionId && !msg.text.trim()) return null;
      const command = parseResumeCommand(msg.text);
      if (command) return redeem(msg, command);
      return asksForCode(msg.text) ? issue(msg) : null;
    },
  };
}
