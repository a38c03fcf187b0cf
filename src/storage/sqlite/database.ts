// Opens the SQLite file behind the SQLite stores: pragmas, tables and the expiry sweep.
// Every row carries expires_at (epoch ms); reads ignore expired rows and the sweep deletes them.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/** What every SQLite store shares: the open database and the store clock. */
export interface SqliteContext {
  readonly db: Database.Database;
  /** Current time in epoch ms (tests move it). */
  now(): number;
  /** Expiry for a row written now: now + ttl. */
  expiresAt(): number;
}

const SCHEMA_VERSION = 3;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS conversations (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
-- No index on conversations.expires_at: every turn moves it, and keeping an index in step tripled
-- the cost of a save (≈ 90 µs → 35 µs without); the occasional sweep scans the table instead.
DROP INDEX IF EXISTS conversations_expiry;

CREATE TABLE IF NOT EXISTS handoffs (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  reason TEXT NOT NULL,
  procedure TEXT,
  summary TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  created_at INTEGER NOT NULL,
  closed_at INTEGER,
  expires_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS handoffs_one_open ON handoffs (conversation_id) WHERE status = 'open';
CREATE INDEX IF NOT EXISTS handoffs_conversation ON handoffs (conversation_id);
CREATE INDEX IF NOT EXISTS handoffs_open ON handoffs (status, created_at);
CREATE INDEX IF NOT EXISTS handoffs_expiry ON handoffs (expires_at);

CREATE TABLE IF NOT EXISTS transcripts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
  line TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS transcripts_ticket ON transcripts (ticket_id, seq);

CREATE TABLE IF NOT EXISTS forms (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  confirmed_at INTEGER NOT NULL,
  form TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS forms_conversation ON forms (conversation_id, confirmed_at);
CREATE INDEX IF NOT EXISTS forms_expiry ON forms (expires_at);

-- A dossier code belongs to one conversation: linking it again replaces (or moves) the row.
CREATE TABLE IF NOT EXISTS dossiers (
  code TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  link TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dossiers_conversation ON dossiers (conversation_id, created_at);
CREATE INDEX IF NOT EXISTS dossiers_recent ON dossiers (created_at);
CREATE INDEX IF NOT EXISTS dossiers_expiry ON dossiers (expires_at);

CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id TEXT NOT NULL,
  reply TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_conversation ON outbox (conversation_id, seq);
CREATE INDEX IF NOT EXISTS outbox_expiry ON outbox (expires_at);

-- Push-chat mailboxes: turns waiting to run ("in") and replies waiting to be sent ("out"), in order.
CREATE TABLE IF NOT EXISTS mailbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  box TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  item TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS mailbox_conversation ON mailbox (conversation_id, box, seq);
CREATE INDEX IF NOT EXISTS mailbox_expiry ON mailbox (expires_at);

-- Resume codes ("tiếp tục ABC234"): one live code per conversation, and wrong codes typed per conversation.
CREATE TABLE IF NOT EXISTS resume_codes (
  code TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS resume_codes_conversation ON resume_codes (conversation_id);
CREATE INDEX IF NOT EXISTS resume_codes_expiry ON resume_codes (expires_at);
CREATE TABLE IF NOT EXISTS resume_failures (
  conversation_id TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS resume_failures_expiry ON resume_failures (expires_at);

CREATE TABLE IF NOT EXISTS seen (
  key TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_expiry ON seen (expires_at);

-- Staff statistics: one row per citizen question, without personal data; kept by retention (90 days).
CREATE TABLE IF NOT EXISTS question_log (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  event TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS question_log_at ON question_log (at);
CREATE INDEX IF NOT EXISTS question_log_conversation ON question_log (conversation_id);
CREATE INDEX IF NOT EXISTS question_log_expiry ON question_log (expires_at);

-- Staff console sessions, keyed by the sha256 of the session id (the id itself is never stored).
CREATE TABLE IF NOT EXISTS staff_sessions (
  id_hash TEXT PRIMARY KEY,
  session TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sessions_expiry ON staff_sessions (expires_at);

-- Answers staff approved for frequent questions; each row expires at its own expires_at.
CREATE TABLE IF NOT EXISTS approved_answers (
  id TEXT PRIMARY KEY,
  approved_at INTEGER NOT NULL,
  answer TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS approved_answers_expiry ON approved_answers (expires_at);

-- Photos attached to dossiers, sealed (AES-256-GCM) before they get here: never the clear bytes.
CREATE TABLE IF NOT EXISTS attachments (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  mime TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  size INTEGER NOT NULL,
  sealed BLOB NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS attachments_conversation ON attachments (conversation_id, created_at);
CREATE INDEX IF NOT EXISTS attachments_expiry ON attachments (expires_at);
`;

/**
 * Opens a SQLite file (creating its folder and the file when missing) in WAL mode with a 5 s busy
 * timeout, then `setUp` creates the tables; the file is closed again when that fails. Shared by the
 * stores, the job queue and the sandbox portal, each in its own file.
 */
export function openWalDatabase(path: string, setUp: (db: Database.Database) => void): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    setUp(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Opens (creating folder, file and tables when missing) the database in WAL mode. */
export function openDatabase(path: string): Database.Database {
  return openWalDatabase(path, (db) => {
    db.pragma("foreign_keys = ON");
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
}

/** Returns a function deleting every expired row (transcripts go with their tickets). */
export function createSweeper(db: Database.Database): (now: number) => void {
  const statements = [
    "conversations",
    "handoffs",
    "forms",
    "dossiers",
    "outbox",
    "mailbox",
    "seen",
    "question_log",
    "staff_sessions",
    "resume_codes",
    "resume_failures",
    "approved_answers",
    "attachments",
  ].map((table) => db.prepare<[number]>(`DELETE FROM ${table} WHERE expires_at <= ?`));
  return db.transaction((now: number) => {
    for (const statement of statements) statement.run(now);
  });
}

/** Runs synchronous driver work as a promise, so driver errors become rejections, not throws. */
export function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}
