// The SQLite job queue's file: its tables (jobs and repeating schedulers), how it is opened (WAL,
// busy timeout) and the row shapes the queue reads back.
import type Database from "better-sqlite3";
import { openWalDatabase } from "../storage/sqlite/database.js";
import type { JobData } from "./types.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  name TEXT NOT NULL,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'running', 'completed', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  run_at INTEGER NOT NULL,
  lease_until INTEGER,
  owner TEXT,
  scheduler_id TEXT,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (name, id)
);
CREATE INDEX IF NOT EXISTS jobs_due ON jobs (name, state, run_at);
CREATE INDEX IF NOT EXISTS jobs_finished ON jobs (state, updated_at);
CREATE INDEX IF NOT EXISTS jobs_scheduler ON jobs (name, scheduler_id, state) WHERE scheduler_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS schedulers (
  name TEXT NOT NULL,
  id TEXT NOT NULL,
  every_ms INTEGER NOT NULL,
  data TEXT NOT NULL,
  next_run_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (name, id)
);
`;

export interface ClaimedRow {
  readonly id: string;
  readonly data: string;
  readonly attempts: number;
}

export interface SchedulerRow {
  readonly name: string;
  readonly id: string;
  readonly every_ms: number;
  readonly data: string;
  readonly next_run_at: number;
}

/** Opens (creating folder, file and tables when missing) the job file in WAL mode. */
export function openJobsDatabase(path: string): Database.Database {
  return openWalDatabase(path, (db) => db.exec(SCHEMA));
}

/** A job's stored JSON data; anything but an object reads as {}. */
export function parseData(text: string): JobData {
  const value: unknown = JSON.parse(text);
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JobData) : {};
}
