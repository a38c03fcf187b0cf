// The sandbox portal's SQLite file (WAL): dossiers, history, requests, daily sequences, idempotency
// keys and the callback outbox. Secrets are stored only as hashes or sealed with the caller's key.
import { join } from "node:path";
import type Database from "better-sqlite3";
import { openWalDatabase } from "../../storage/sqlite/database.js";

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS dossiers (
  code TEXT PRIMARY KEY,
  procedure TEXT NOT NULL,
  procedure_name TEXT NOT NULL,
  procedure_code TEXT,
  agency_code TEXT NOT NULL,
  status INTEGER NOT NULL,
  submitted_at TEXT NOT NULL,
  appointment_date TEXT,
  owner_salt TEXT NOT NULL,
  owner_hash TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  applicant_json TEXT NOT NULL,
  form_json TEXT NOT NULL,
  contact_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL REFERENCES dossiers(code),
  status INTEGER NOT NULL,
  at TEXT NOT NULL,
  note TEXT
);
CREATE INDEX IF NOT EXISTS history_code ON history(code, id);
CREATE TABLE IF NOT EXISTS requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL REFERENCES dossiers(code),
  text TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS requests_code ON requests(code, id);
CREATE TABLE IF NOT EXISTS sequences (
  agency TEXT NOT NULL,
  day TEXT NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (agency, day)
);
CREATE TABLE IF NOT EXISTS idempotency (
  key_hash TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  code TEXT NOT NULL REFERENCES dossiers(code),
  response_json TEXT NOT NULL,
  sealed_token TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL,
  url TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  delivered_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox(delivered_at, next_attempt_at);
`;

/** Opens (creating if needed) `<dataDir>/sandbox-portal.sqlite` in WAL mode with the schema. */
export function openSandboxDb(dataDir: string): Db {
  return openWalDatabase(join(dataDir, "sandbox-portal.sqlite"), (db) => {
    db.pragma("foreign_keys = ON");
    db.exec(SCHEMA);
  });
}
