// Interfaces the conversation core needs from the outside world. The core owns them;
// adapters (retrieval, storage, portal, channels, LLM) implement them. Only types live here.
import type { ConversationState } from "./dialogue/state.js";
import type { Reply } from "./messages.js";
import type { AttachmentStore } from "./photo-ports.js";
import type { ApprovedAnswerStore, QuestionLog, StaffSessionStore } from "./staff-ports.js";

export type * from "./photo-ports.js";
export type * from "./staff-ports.js";

/** One procedure proposed by the retriever, best first. */
export interface Candidate {
  readonly slug: string;
  /** Fused ranking score (higher is better); comparable only within one result. */
  readonly score: number;
}

/**
 * What to do with a query: answer with one procedure, offer up to three to pick from, or say
 * "không tìm thấy thủ tục này". Wrongly answering with a confident procedure is worse than asking.
 */
export type RetrievalDecision = "answer" | "choose" | "none";

export interface RetrievalResult {
  readonly decision: RetrievalDecision;
  /** Ranked candidates (at most 3); empty when decision is "none". */
  readonly candidates: readonly Candidate[];
  /** Estimated probability that the first candidate is what the user asked about (0–1). */
  readonly confidence: number;
  /** Short machine-readable reason for the decision, e.g. "injection", "low-confidence". */
  readonly reason: string;
}

/** Finds the procedure a citizen is asking about, however they type it. */
export interface Retriever {
  search(query: string): Promise<RetrievalResult>;
}

/** Turns texts into fixed-length vectors; implementations: local hashed n-grams, OpenAI-compatible. */
export interface Embedder {
  /** Stable identity of model + parameters; a change invalidates persisted vectors. */
  readonly id: string;
  readonly dimension: number;
  embedDocuments(texts: readonly string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}

// ---------------------------------------------------------------- state and storage

/** Conversation state by conversation id; implementations expire idle conversations (≥ 7 days). */
export interface ConversationStore {
  load(conversationId: string): Promise<ConversationState | null>;
  save(conversationId: string, state: ConversationState): Promise<void>;
  delete(conversationId: string): Promise<void>;
}

/** Runs one turn at a time per conversation (in-process mutex, or SET NX PX on Redis). */
export interface ConversationLock {
  /** Runs `fn` while holding the conversation's lock; waits (bounded) for a previous holder. */
  run<T>(conversationId: string, fn: () => Promise<T>): Promise<T>;
}

/** A conversation handed to a human officer. `summary` carries no personal data. */
export interface HandoffTicket {
  readonly id: string;
  readonly conversationId: string;
  readonly channel: string;
  /** "requested" (user asked), "failures" (bot kept failing), "low-confidence". */
  readonly reason: string;
  readonly procedure: string | null;
  readonly summary: string;
  readonly status: "open" | "closed";
  readonly createdAt: number;
  readonly closedAt: number | null;
}

/** One line of a handoff transcript (what the citizen and the officer wrote). */
export interface TranscriptLine {
  readonly from: "citizen" | "staff" | "bot";
  readonly text: string;
  readonly at: number;
}

export interface HandoffStore {
  /** Opens a ticket, or returns the conversation's ticket that is already open. */
  open(
    ticket: Omit<HandoffTicket, "id" | "status" | "createdAt" | "closedAt">,
    now: number,
  ): Promise<HandoffTicket>;
  get(id: string): Promise<HandoffTicket | null>;
  openFor(conversationId: string): Promise<HandoffTicket | null>;
  /** Open tickets, oldest first. */
  listOpen(): Promise<HandoffTicket[]>;
  close(id: string, now: number): Promise<HandoffTicket | null>;
  appendTranscript(ticketId: string, line: TranscriptLine): Promise<void>;
  transcript(ticketId: string): Promise<TranscriptLine[]>;
  /** Erases every ticket and transcript of the conversation. */
  deleteConversation(conversationId: string): Promise<void>;
  /**
   * Moves every ticket (open or closed, with its transcript) of `from` to `to` on `channel` (a
   * conversation continued elsewhere). `to` keeps at most one open ticket: if it already has one,
   * the open ticket of `from` is closed at `now` as it moves.
   */
  moveConversation(from: string, to: string, channel: string, now: number): Promise<void>;
}

/** A form the citizen confirmed in the chat, kept for the portal step. */
export interface ConfirmedForm {
  readonly id: string;
  readonly conversationId: string;
  readonly procedure: string;
  readonly values: Readonly<Record<string, string>>;
  readonly confirmedAt: number;
}

export interface FormStore {
  save(form: ConfirmedForm): Promise<void>;
  get(id: string): Promise<ConfirmedForm | null>;
  listFor(conversationId: string): Promise<ConfirmedForm[]>;
  deleteConversation(conversationId: string): Promise<void>;
  /** Moves every form of `from` to `to` (their `conversationId` too); erasing `from` later leaves them. */
  moveConversation(from: string, to: string): Promise<void>;
}

/** A dossier created on the portal from this conversation (lets its owner ask without an ID number). */
export interface DossierLink {
  readonly code: string;
  readonly conversationId: string;
  readonly procedure: string;
  /** The portal's per-dossier access token (a credential: never logged, erased with the conversation). */
  readonly accessToken: string;
  readonly createdAt: number;
  /** The portal status code last seen for this dossier (absent on links written before polling). */
  readonly lastStatus?: number;
}

export interface DossierStore {
  /** Records (or replaces, by code) a link. */
  link(link: DossierLink): Promise<void>;
  /** The conversation's dossiers, newest first. */
  linksFor(conversationId: string): Promise<DossierLink[]>;
  byCode(code: string): Promise<DossierLink | null>;
  /** Up to `limit` links across every conversation, newest first (status polling). */
  recent(limit: number): Promise<DossierLink[]>;
  deleteConversation(conversationId: string): Promise<void>;
}

/** Replies waiting to reach a user outside a turn (staff answers, notifications). */
export interface Outbox {
  push(conversationId: string, replies: readonly Reply[]): Promise<void>;
  /** Returns and removes everything waiting, oldest first. */
  drain(conversationId: string): Promise<Reply[]>;
  deleteConversation(conversationId: string): Promise<void>;
}

/** The two mailboxes of a push conversation: turns waiting to run, replies waiting to be sent. */
export type MailboxName = "in" | "out";

/** One waiting item; `seq` grows with every append and is never reused by the backend. */
export interface MailboxItem {
  readonly seq: number;
  readonly body: string;
}

/**
 * Per-conversation FIFOs shared by every instance, so a chat's turns run and its replies go out in
 * the order they arrived, whichever instance takes the job. Items stay until removed (a crash loses
 * nothing still waiting); each append extends the mailbox's expiry.
 */
export interface Mailbox {
  /** Appends at the end; returns the item's seq. */
  append(box: MailboxName, conversationId: string, body: string): Promise<number>;
  /** The oldest waiting item, left in place. */
  head(box: MailboxName, conversationId: string): Promise<MailboxItem | null>;
  /** Removes item `seq`; false when it was already gone (taken by another runner). */
  remove(box: MailboxName, conversationId: string, seq: number): Promise<boolean>;
  /** Empties both mailboxes of the conversation. */
  deleteConversation(conversationId: string): Promise<void>;
}

/**
 * Keys seen recently (webhook update ids, bubbles already sent): the first caller of a key wins,
 * across every process sharing the backend, until the key expires.
 */
export interface SeenLog {
  /** True exactly once per key within `ttlSeconds`; false for every later call. */
  firstTime(key: string, ttlSeconds: number): Promise<boolean>;
  /** Whether a key was claimed and has not expired (does not claim it). */
  has(key: string): Promise<boolean>;
  /** Forgets a key (a claimed update whose processing could not even be queued). */
  forget(key: string): Promise<void>;
}

/**
 * Short single-use codes that let a conversation continue on another channel ("tiếp tục ABC234"),
 * and the count of wrong codes typed per conversation (guessing limit). Everything expires.
 */
export interface ResumeCodeStore {
  /**
   * Stores `code` for the conversation for `ttlSeconds`, replacing the conversation's previous code.
   * False (nothing stored) when the code is already live for someone: the caller picks another.
   */
  issue(code: string, conversationId: string, ttlSeconds: number): Promise<boolean>;
  /** The conversation a live code was issued for, and the code is gone: exactly once, atomically. */
  take(code: string): Promise<string | null>;
  /** Counts one wrong code typed in the conversation; returns the count in the window begun by the first. */
  recordFailure(conversationId: string, windowSeconds: number): Promise<number>;
  /** Wrong codes typed in the conversation's current window (0 when none or the window ended). */
  failures(conversationId: string): Promise<number>;
  /** Erases the conversation's live code and its count of wrong codes. */
  deleteConversation(conversationId: string): Promise<void>;
}

/** Every store the assistant uses, from one backend (SQLite by default, Redis with REDIS_URL). */
export interface Stores {
  readonly conversations: ConversationStore;
  readonly locks: ConversationLock;
  readonly handoffs: HandoffStore;
  readonly forms: FormStore;
  readonly outbox: Outbox;
  readonly mailbox: Mailbox;
  readonly dossiers: DossierStore;
  readonly resumeCodes: ResumeCodeStore;
  readonly seen: SeenLog;
  readonly questions: QuestionLog;
  readonly staffSessions: StaffSessionStore;
  readonly approvedAnswers: ApprovedAnswerStore;
  /** Photos attached to dossiers, sealed (encrypted) before they reach the store. */
  readonly attachments: AttachmentStore;
  /**
   * Deletes every expired record now (the daily retention job). SQLite sweeps its rows; Redis keys
   * expire by their TTL, so Redis stores leave it out.
   */
  purgeExpired?(): Promise<void>;
  /** Checks the backend answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- portal and language model

/** What the status port knows about a dossier code. */
export type StatusAnswer =
  | { readonly kind: "unavailable" }
  | { readonly kind: "not-found" }
  | { readonly kind: "needs-owner-id" }
  /** Too many wrong owner ID numbers were tried lately (guessing protection); try again later. */
  | { readonly kind: "too-many-attempts" }
  | {
      readonly kind: "found";
      readonly code: string;
      readonly statusCode: number;
      readonly statusLabel: string;
      readonly procedure: string | null;
      /** ISO date (yyyy-mm-dd). */
      readonly appointment: string | null;
      readonly requests: readonly string[];
    };

/** What became of a confirmed form sent to the portal. */
export type SubmitOutcome =
  | {
      readonly kind: "created";
      readonly code: string;
      readonly statusLabel: string;
      /** ISO date (yyyy-mm-dd) or null when the procedure has no fixed time. */
      readonly appointment: string | null;
      /** Where the citizen finishes and signs in with VNeID. */
      readonly finishUrl: string;
      /** Receipt files (PDF, PNG) the citizen can keep, when available. */
      readonly receipt: readonly { readonly name: string; readonly mime: string; readonly url: string }[];
    }
  /** The portal refused the form (field → problem, in Vietnamese). */
  | { readonly kind: "rejected"; readonly fields: Readonly<Record<string, string>> }
  /** The portal did not answer; the confirmed form is kept. */
  | { readonly kind: "unavailable" }
  /** The portal did not answer; the form is kept and will be sent again automatically (user notified). */
  | { readonly kind: "queued" }
  /** No portal is connected to this assistant. */
  | { readonly kind: "not-connected" };

/** Creates pre-filled dossiers on the portal from confirmed forms. */
export interface DossierPort {
  submit(
    form: ConfirmedForm,
    contact: { readonly channel: string; readonly conversationId: string },
  ): Promise<SubmitOutcome>;
}

/** Dossier status lookups (the portal issue connects a real implementation). */
export interface StatusPort {
  lookup(code: string, conversationId: string, ownerId?: string): Promise<StatusAnswer>;
  /** Dossier codes created from this conversation, newest first. */
  listFor(conversationId: string): Promise<string[]>;
}

/** What an optional language model understood of a message (validated against the KB by the caller). */
export interface ModelUnderstanding {
  readonly intent: string;
  readonly procedure: string | null;
  readonly documents: readonly string[];
  readonly language: "vi" | "en";
}

/** Optional LLM: understands free text and words answers from facts; null means "not available". */
export interface LanguageModel {
  understand(
    text: string,
    context: { readonly procedures: readonly string[]; readonly documents: readonly string[] },
  ): Promise<ModelUnderstanding | null>;
  /** Rewords `facts` for the question in plain language; the caller checks it stays grounded. */
  phrase(question: string, facts: string, language: "vi" | "en"): Promise<string | null>;
}

/** A limit: at most `max` hits of one key within a sliding window of `windowMs`. */
export interface RateRule {
  readonly max: number;
  readonly windowMs: number;
}

/** Whether a hit is allowed, and when the key may try again (0 when it may now). */
export interface RateDecision {
  readonly allowed: boolean;
  /** Hits still allowed in the window after this one. */
  readonly remaining: number;
  readonly retryAfterMs: number;
}

/**
 * Counts hits per key in a sliding window (chat turns per session or address, wrong owner ID
 * numbers per conversation): in memory by default, shared by every instance on Redis.
 */
export interface RateLimiter {
  /** Counts one hit of `key` when it is within `rule`; a refused hit is not counted. */
  hit(key: string, rule: RateRule, now: number): Promise<RateDecision>;
  /** The key's standing under `rule`, counting nothing. */
  peek(key: string, rule: RateRule, now: number): Promise<RateDecision>;
  /** Forgets every hit of the key. */
  reset(key: string): Promise<void>;
}

/** Time source (tests pin it). */
export interface Clock {
  now(): number;
}

/** Minimal structured event log the core reports to; adapters back it with pino. Never pass personal data. */
export interface EventLog {
  info(event: string, data?: Readonly<Record<string, unknown>>): void;
  warn(event: string, data?: Readonly<Record<string, unknown>>): void;
  error(event: string, data?: Readonly<Record<string, unknown>>): void;
}
