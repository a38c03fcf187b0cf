// The SQLite backend: every store in one better-sqlite3 file, plus an in-process lock. This is the
// default for a single process; run several processes against one state only with Redis.
import type { Stores } from "../../core/ports.js";
import { createSqliteApprovedAnswerStore } from "./approved-answers.js";
import { createSqliteAttachmentStore } from "./attachments.js";
import { createSqliteConversationStore } from "./conversations.js";
import { createSweeper, openDatabase, settle, type SqliteContext } from "./database.js";
import { createSqliteDossierStore } from "./dossiers.js";
import { createSqliteFormStore } from "./forms.js";
import { createSqliteHandoffStore } from "./handoffs.js";
import { createMemoryLock } from "./lock.js";
import { createSqliteMailbox } from "./mailbox.js";
import { createSqliteOutbox } from "./outbox.js";
import { createSqliteResumeCodeStore } from "./resume-codes.js";
import { createSqliteSeenLog } from "./seen.js";
import { QUESTION_RETENTION_SECONDS } from "../staff-records.js";
import { createSqliteQuestionLog } from "./questions.js";
import { createSqliteStaffSessionStore } from "./staff-sessions.js";

/** Options of the SQLite backend; `now` is the store clock used for expiry (tests move it). */
export interface SqliteStoresOptions {
  /** Database file; its folder is created when missing. */
  readonly path: string;
  /** Every record expires this long after its last write. */
  readonly ttlSeconds: number;
  /** Longest wait for a conversation's lock before LockTimeoutError (default 10 000 ms). */
  readonly lockWaitMs?: number;
  readonly now?: () => number;
  /** Question-log events are kept this long (default 90 days). */
  readonly questionRetentionSeconds?: number;
}

/** Expired rows are swept at most this often (on save), and once when the file is opened. */
const SWEEP_EVERY_MS = 60_000;

/** Opens (or creates) the SQLite file and returns every store over it; close() closes the file. */
export function createSqliteStores(options: SqliteStoresOptions): Stores {
  const now = options.now ?? Date.now;
  const db = openDatabase(options.path);
  const ctx: SqliteContext = { db, now, expiresAt: () => now() + options.ttlSeconds * 1000 };
  const sweep = createSweeper(db);
  let lastSweep = now();
  sweep(lastSweep);
  const sweepNowAndThen = (): void => {
    if (now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now();
    sweep(lastSweep);
  };
  const ping = db.prepare<[], { ok: number }>("SELECT 1 AS ok");

  return {
    conversations: createSqliteConversationStore(ctx, sweepNowAndThen),
    locks: createMemoryLock(options.lockWaitMs ?? 10_000),
    handoffs: createSqliteHandoffStore(ctx),
    forms: createSqliteFormStore(ctx),
    outbox: createSqliteOutbox(ctx),
    mailbox: createSqliteMailbox(ctx),
    dossiers: createSqliteDossierStore(ctx),
    resumeCodes: createSqliteResumeCodeStore(ctx),
    seen: createSqliteSeenLog(ctx),
    questions: createSqliteQuestionLog(ctx, options.questionRetentionSeconds ?? QUESTION_RETENTION_SECONDS),
    staffSessions: createSqliteStaffSessionStore(ctx),
    approvedAnswers: createSqliteApprovedAnswerStore(ctx),
    attachments: createSqliteAttachmentStore(ctx),
    purgeExpired: () => settle(() => sweep((lastSweep = now()))),
    ping: () => settle(() => ping.get()?.ok === 1).catch(() => false),
    close: () => settle(() => void db.close()),
  };
}
