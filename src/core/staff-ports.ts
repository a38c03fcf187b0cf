// Ports of the staff side: the question log behind the statistics, console sessions, approved
// answers served ahead of generated ones, and the printable checklists for forwarding.
import type { ReplyFile } from "./messages.js";

/** What became of a citizen's question (staff statistics). */
export type QuestionOutcome =
  "answered" | "offered-choices" | "not-understood" | "handed-off" | "low-confidence";

/** One citizen question, kept for staff statistics. Carries no personal data and no conversation id. */
export interface QuestionEvent {
  readonly id: string;
  /** Epoch milliseconds of the turn. */
  readonly at: number;
  readonly channel: string;
  /** The procedure the turn was about, when known. */
  readonly procedure: string | null;
  readonly outcome: QuestionOutcome;
  /** Retrieval confidence (0–1); null when the turn ran no retrieval. */
  readonly confidence: number | null;
  /** The question with personal data masked (≤ 300 characters); null for a button press. */
  readonly question: string | null;
}

/** Question log behind the staff statistics; rows expire after the retention (90 days). */
export interface QuestionLog {
  /** Records one event of a conversation (the id is kept only to erase it with the conversation). */
  record(conversationId: string, event: QuestionEvent): Promise<void>;
  /** Events at or after `since` (epoch ms) still retained, newest first, at most `limit`. */
  since(since: number, limit: number): Promise<QuestionEvent[]>;
  deleteConversation(conversationId: string): Promise<void>;
}

/** A signed-in staff member's session; stored under the sha256 of its id, never the id itself. */
export interface StaffSession {
  readonly username: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

/** Staff console sessions shared by every instance (the core does not use them; the HTTP edge does). */
export interface StaffSessionStore {
  /** Stores a session until its `expiresAt`. */
  create(idHash: string, session: StaffSession): Promise<void>;
  /** The session, or null when unknown or expired. */
  get(idHash: string): Promise<StaffSession | null>;
  delete(idHash: string): Promise<void>;
}

/**
 * An answer a one-stop officer reviewed for a frequent question. It is served to citizens asking the
 * same thing, ahead of the generated answer, until `expiresAt`. Staff-authored: no citizen data.
 */
export interface ApprovedAnswer {
  readonly id: string;
  /** The frequent question as the officer wrote it. */
  readonly question: string;
  /** Procedure slug the question is about (null: none given). */
  readonly procedure: string | null;
  readonly answer: string;
  /** Name of the reviewing officer, shown with the answer. */
  readonly reviewer: string;
  /** Epoch milliseconds. */
  readonly approvedAt: number;
  /** Epoch milliseconds; never served from then on, and purged by the store. */
  readonly expiresAt: number;
}

/** Approved answers shared by every instance; expired entries are never returned and are purged. */
export interface ApprovedAnswerStore {
  /** Stores (or replaces, by id) an answer until its `expiresAt`. */
  put(answer: ApprovedAnswer): Promise<void>;
  get(id: string): Promise<ApprovedAnswer | null>;
  /** Every unexpired answer, newest approval first. */
  list(): Promise<ApprovedAnswer[]>;
  /** True when an answer was deleted. */
  delete(id: string): Promise<boolean>;
}

/** Signed, expiring links to a procedure's printable checklist (PDF and PNG), for staff forwarding. */
export interface ChecklistFiles {
  files(slug: string): ReplyFile[];
}
