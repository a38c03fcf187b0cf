// Re-sealing every stored record under the current key (`npm run keys:rotate`): SQLite in one
// transaction, Redis by SCAN with compare-and-set, keeping each record's expiry. Plain rows get sealed.
import type Database from "better-sqlite3";
import type { RecordCipher } from "./cipher.js";
import { resealText, type RecordKind } from "./records.js";

/** Counts of one rotation, per record kind; `unreadable` lists the key ids no configured key matched. */
export interface RotationReport {
  readonly resealed: Record<RecordKind, number>;
  /** Records left as they were: no configured key opens them (key id → count). */
  readonly unreadable: Record<string, number>;
  /** Damaged JSON, or changed by a turn while rotating (sealed with the current key by that turn). */
  skipped: number;
}

/** An empty report. */
export function newReport(): RotationReport {
  return {
    resealed: { state: 0, form: 0, transcript: 0, outbox: 0, mailbox: 0, dossier: 0 },
    unreadable: {},
    skipped: 0,
  };
}

/** Re-seals one text into the report; returns the new text, or null when it stays as it is. */
export function resealInto(
  report: RotationReport,
  kind: RecordKind,
  text: string,
  id: string,
  cipher: RecordCipher,
): string | null {
  const outcome = resealText(kind, text, id, cipher);
  if (outcome.kind === "resealed") return outcome.text;
  if (outcome.kind === "unreadable") {
    const keyId = outcome.error.keyId ?? "?";
    report.unreadable[keyId] = (report.unreadable[keyId] ?? 0) + 1;
  } else report.skipped += 1;
  return null;
}

/** Where each sealed record lives in the SQLite schema (src/storage/sqlite/database.ts). */
const SQLITE_TABLES: readonly {
  kind: RecordKind;
  table: string;
  key: string;
  binding: string;
  column: string;
}[] = [
  { kind: "state", table: "conversations", key: "id", binding: "id", column: "state" },
  { kind: "form", table: "forms", key: "id", binding: "id", column: "form" },
  { kind: "transcript", table: "transcripts", key: "seq", binding: "ticket_id", column: "line" },
  { kind: "outbox", table: "outbox", key: "seq", binding: "conversation_id", column: "reply" },
  { kind: "mailbox", table: "mailbox", key: "seq", binding: "conversation_id", column: "item" },
  { kind: "dossier", table: "dossiers", key: "code", binding: "code", column: "link" },
];

/** Re-seals every record of an open SQLite database in one transaction (all or nothing). */
export function rotateSqlite(db: Database.Database, cipher: RecordCipher): RotationReport {
  const report = newReport();
  db.transaction(() => {
    for (const t of SQLITE_TABLES) {
      const rows = db
        .prepare<[], { k: string | number; b: string; v: string }>(
          `SELECT ${t.key} AS k, ${t.binding} AS b, ${t.column} AS v FROM ${t.table}`,
        )
        .all();
      const update = db.prepare<[string, string | number]>(
        `UPDATE ${t.table} SET ${t.column} = ? WHERE ${t.key} = ?`,
      );
      for (const row of rows) {
        const text = resealInto(report, t.kind, row.v, String(row.b), cipher);
        if (text === null) continue;
        update.run(text, row.k);
        report.resealed[t.kind] += 1;
      }
    }
  })();
  return report;
}
