// Request builders for the sandbox tests: valid pre-filled dossiers for real procedures with fake
// people, and small fetch wrappers that return status + parsed JSON.
import { randomUUID } from "node:crypto";
import type { CreateDossierRequest } from "../../../src/portal/contract.js";
import { fakeFormData, fakePerson } from "../../../src/portal/sandbox/index.js";
import { realKb } from "../../helpers/kb.js";

/** A valid request for `procedure` (slug) filed by fake person `n`. */
export function dossierRequest(procedure: string, n = 1, agencyCode = "H29.31"): CreateDossierRequest {
  const proc = realKb().procedures.find((p) => p.slug === procedure);
  if (!proc) throw new Error(`no procedure ${procedure}`);
  const person = fakePerson(n);
  return {
    procedure,
    procedureCode: proc.code,
    agencyCode,
    formData: fakeFormData(proc.form?.fields ?? [], person),
    applicant: { fullName: person.fullName, idNumber: person.idNumber, phone: person.phone },
    contact: { channel: "web", conversationId: `conv-${n}` },
  };
}

export interface Answer {
  readonly status: number;
  readonly json: unknown;
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { headers });
  return { status: res.status, json: await res.json().catch(() => null) };
}

/** POST /v1/dossiers with a fresh (or given) Idempotency-Key. */
export function createDossier(base: string, body: unknown, key: string = randomUUID()): Promise<Answer> {
  return post(`${base}/v1/dossiers`, body, { "idempotency-key": key });
}
