// Dossier storage for the sandbox: create (idempotent, daily sequence per agency, hashed proofs),
// look up with proof of ownership, and change status (history, requests, queued callback) atomically.
import { randomUUID } from "node:crypto";
import { STATUS_LABELS, type Dossier, type StatusCode, type CreateDossierRequest } from "../contract.js";
import type { Db } from "./db.js";
import { SandboxError, notFound } from "./errors.js";
import * as secrets from "./secrets.js";
import { canMove } from "./transitions.js";
import { readDossier, type DossierRow } from "./view.js";

/** What the store needs to create a dossier once the request is validated. */
export interface NewDossier {
  readonly request: CreateDossierRequest;
  readonly procedureName: string;
  readonly formValues: Record<string, string>;
  readonly submittedAt: string;
  /** yymmdd of the submission in Vietnam. */
  readonly codeDate: string;
  readonly appointmentDate: string | null;
}

export interface Created {
  readonly replay: boolean;
  readonly dossier: Dossier;
  readonly accessToken: string;
}

export interface StatusChange {
  readonly status: StatusCode;
  readonly note: string | null;
  readonly requests: readonly string[];
  readonly at: string;
}

export interface SandboxStore {
  /** Earlier answer for this key: same body → replay, different body → 409; none → null. */
  replay(key: string, fingerprint: string): Created | null;
  create(key: string, fingerprint: string, input: NewDossier): Created;
  /** The dossier when the proof matches; the same 404 for an unknown code and a wrong proof. */
  getOwned(code: string, proof: { idNumber?: string; token?: string }): Dossier;
  changeStatus(code: string, change: StatusChange, callbackUrl: string | null): Dossier;
}

/** Store over the sandbox SQLite file; `finishUrl` builds the VNeID finishing link of a code. */
export function createSandboxStore(db: Db, finishUrl: (code: string) => string): SandboxStore {
  const byCode = db.prepare<[string], DossierRow>("SELECT * FROM dossiers WHERE code = ?");
  const nextSeq = db.prepare<[string, string], { last: number }>(
    `INSERT INTO sequences (agency, day, last) VALUES (?, ?, 1)
     ON CONFLICT (agency, day) DO UPDATE SET last = last + 1 RETURNING last`,
  );
  const idem = db.prepare<[string], { request_hash: string; response_json: string; sealed_token: string }>(
    "SELECT request_hash, response_json, sealed_token FROM idempotency WHERE key_hash = ?",
  );
  const view = (code: string): Dossier => readDossier(db, code, finishUrl(code));

  const replay = (key: string, fingerprint: string): Created | null => {
    const row = idem.get(secrets.idempotencyKeyHash(key));
    if (!row) return null;
    if (row.request_hash !== fingerprint) {
      throw new SandboxError(
        409,
        "idempotency-conflict",
        "Idempotency-Key này đã được dùng cho một yêu cầu khác / this key was used with a different body.",
      );
    }
    return {
      replay: true,
      dossier: JSON.parse(row.response_json) as Dossier,
      accessToken: secrets.unseal(key, row.sealed_token),
    };
  };

  const insert = (key: string, fingerprint: string, input: NewDossier): Created => {
    const { request } = input;
    const seq = nextSeq.get(request.agencyCode, input.codeDate)?.last ?? 1;
    const code = `${request.agencyCode}-${input.codeDate}-${String(seq).padStart(4, "0")}`;
    const salt = secrets.newSalt();
    const token = secrets.newAccessToken();
    db.prepare(
      `INSERT INTO dossiers (code, procedure, procedure_name, procedure_code, agency_code, status,
         submitted_at, appointment_date, owner_salt, owner_hash, token_hash, applicant_json, form_json, contact_json)
       VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      code,
      request.procedure,
      input.procedureName,
      request.procedureCode,
      request.agencyCode,
      input.submittedAt,
      input.appointmentDate,
      salt,
      secrets.ownerHash(salt, request.applicant.idNumber),
      secrets.sha256(token),
      JSON.stringify({ fullName: request.applicant.fullName, phone: request.applicant.phone }),
      JSON.stringify(input.formValues),
      JSON.stringify(request.contact),
    );
    db.prepare("INSERT INTO history (code, status, at, note) VALUES (?, 1, ?, ?)").run(
      code,
      input.submittedAt,
      "Nộp trực tuyến (hồ sơ điền sẵn qua motcua)",
    );
    const dossier = view(code);
    db.prepare(
      `INSERT INTO idempotency (key_hash, request_hash, code, response_json, sealed_token, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      secrets.idempotencyKeyHash(key),
      fingerprint,
      code,
      JSON.stringify(dossier),
      secrets.seal(key, token),
      input.submittedAt,
    );
    return { replay: false, dossier, accessToken: token };
  };

  const proves = (row: DossierRow, proof: { idNumber?: string; token?: string }): boolean => {
    const byId =
      proof.idNumber !== undefined &&
      secrets.safeEqual(secrets.ownerHash(row.owner_salt, proof.idNumber), row.owner_hash);
    const byToken =
      proof.token !== undefined && secrets.safeEqual(secrets.sha256(proof.token), row.token_hash);
    return byId || byToken;
  };

  return {
    replay,
    create: db.transaction((key: string, fingerprint: string, input: NewDossier): Created => {
      return replay(key, fingerprint) ?? insert(key, fingerprint, input);
    }),
    getOwned(code, proof) {
      const row = byCode.get(code);
      if (!row) {
        // Same work as a real check, so timing does not tell whether the code exists.
        secrets.safeEqual(secrets.ownerHash("0".repeat(32), proof.idNumber ?? ""), "0".repeat(64));
        throw notFound();
      }
      if (!proves(row, proof)) throw notFound();
      return view(code);
    },
    changeStatus: db.transaction(
      (code: string, change: StatusChange, callbackUrl: string | null): Dossier => {
        const row = byCode.get(code);
        if (!row) throw notFound();
        const from = row.status as StatusCode;
        if (!canMove(from, change.status)) {
          throw new SandboxError(
            409,
            "invalid-request",
            `Không thể chuyển từ "${STATUS_LABELS[from]}" (${from}) sang "${STATUS_LABELS[change.status]}" (${change.status}).`,
          );
        }
        db.prepare("INSERT INTO history (code, status, at, note) VALUES (?, ?, ?, ?)").run(
          code,
          change.status,
          change.at,
          change.note,
        );
        const addRequest = db.prepare("INSERT INTO requests (code, text, at) VALUES (?, ?, ?)");
        for (const text of change.requests) addRequest.run(code, text, change.at);
        db.prepare("UPDATE dossiers SET status = ? WHERE code = ?").run(change.status, code);
        if (callbackUrl) {
          const eventId = randomUUID();
          const body = JSON.stringify({
            eventId,
            dossierCode: code,
            status: change.status,
            statusLabel: STATUS_LABELS[change.status],
            note: change.note,
            requests: change.requests,
            appointmentDate: row.appointment_date,
            at: change.at,
            contact: JSON.parse(row.contact_json) as unknown,
          });
          db.prepare(
            `INSERT INTO outbox (event_id, code, url, body, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
          ).run(eventId, code, callbackUrl, body, Date.now(), change.at);
        }
        return view(code);
      },
    ),
  };
}
