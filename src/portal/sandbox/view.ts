// Reads a stored dossier back as the contract's Dossier shape: status label, history with
// timestamps, the papers requested so far and the VNeID finishing link.
import { STATUS_LABELS, type Dossier, type StatusCode } from "../contract.js";
import type { Db } from "./db.js";

/** A row of the dossiers table. */
export interface DossierRow {
  code: string;
  procedure: string;
  procedure_name: string;
  procedure_code: string | null;
  agency_code: string;
  status: number;
  submitted_at: string;
  appointment_date: string | null;
  owner_salt: string;
  owner_hash: string;
  token_hash: string;
  applicant_json: string;
  form_json: string;
  contact_json: string;
}

/** The dossier as its owner sees it; throws when the code is unknown (callers check first). */
export function readDossier(db: Db, code: string, finishUrl: string): Dossier {
  const row = db.prepare<[string], DossierRow>("SELECT * FROM dossiers WHERE code = ?").get(code);
  if (!row) throw new Error(`dossier ${code} vanished`);
  const history = db
    .prepare<[string], { status: number; at: string; note: string | null }>(
      "SELECT status, at, note FROM history WHERE code = ? ORDER BY id",
    )
    .all(code)
    .map((h) => ({
      status: h.status as StatusCode,
      label: STATUS_LABELS[h.status as StatusCode],
      at: h.at,
      note: h.note,
    }));
  const requests = db
    .prepare<[string], { text: string }>("SELECT text FROM requests WHERE code = ? ORDER BY id")
    .all(code)
    .map((r) => r.text);
  const status = row.status as StatusCode;
  return {
    code: row.code,
    procedure: row.procedure,
    procedureName: row.procedure_name,
    agencyCode: row.agency_code,
    status,
    statusLabel: STATUS_LABELS[status],
    submittedAt: row.submitted_at,
    appointmentDate: row.appointment_date,
    finishUrl,
    requests,
    history,
  };
}
