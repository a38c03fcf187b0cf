// The sandbox portal as a separate process over HTTP: contract round-trips, codes and daily
// sequences, idempotent retries, form errors, ownership rules and the finishing page.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DOSSIER_CODE_PATTERN,
  createDossierResponseSchema,
  dossierSchema,
  portalErrorSchema,
  type CreateDossierResponse,
} from "../../src/portal/contract.js";
import { vnLocal } from "../../src/portal/sandbox/index.js";
import { tempDir } from "../helpers/tmp.js";
import { startSandbox, type RunningSandbox } from "./sandbox/harness.js";
import { createDossier, dossierRequest, get, post } from "./sandbox/requests.js";

let sandbox: RunningSandbox;
const dataDir = tempDir("motcua-sandbox-http-");

beforeAll(async () => {
  sandbox = await startSandbox({ PORTAL_DATA_DIR: dataDir });
});
afterAll(async () => {
  await sandbox?.stop();
});

const created = async (body: unknown, key?: string): Promise<CreateDossierResponse> => {
  const answer = await createDossier(sandbox.url, body, key);
  expect(answer.status).toBe(201);
  return createDossierResponseSchema.parse(answer.json);
};
const errorCode = (json: unknown): string => portalErrorSchema.parse(json).error.code;

describe("sandbox portal over HTTP: creating dossiers", () => {
  it("answers /healthz", async () => {
    expect(await get(`${sandbox.url}/healthz`)).toEqual({
      status: 200,
      json: { ok: true, service: "motcua-sandbox-portal" },
    });
  });

  it("creates a pre-filled dossier in the contract's shape with a real-format code", async () => {
    const { dossier, accessToken } = await created(dossierRequest("khai-sinh", 1));
    const yymmdd = vnLocal(new Date()).date.slice(2).replaceAll("-", "");
    expect(dossier.code).toMatch(DOSSIER_CODE_PATTERN);
    expect(dossier.code).toMatch(new RegExp(`^H29\\.31-${yymmdd}-\\d{4}$`));
    expect(dossier).toMatchObject({
      procedure: "khai-sinh",
      status: 1,
      statusLabel: "Mới đăng ký",
      requests: [],
    });
    expect(dossier.history).toHaveLength(1);
    expect(dossier.appointmentDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(dossier.finishUrl).toBe(`${sandbox.url}/v1/dossiers/${dossier.code}/finish`);
    expect(accessToken.length).toBeGreaterThanOrEqual(20);
    expect(JSON.stringify(dossier)).not.toContain("0990");
  });

  it("numbers dossiers per agency and day from 0001", async () => {
    const codes = [];
    for (const agency of ["H01.77", "H01.77", "H56.14", "H01.77", "000.00.06.H56"]) {
      codes.push((await created(dossierRequest("chung-thuc-ban-sao", 2, agency))).dossier.code);
    }
    expect(codes.map((c) => c.replace(/-\d{6}-/, "-"))).toEqual([
      "H01.77-0001",
      "H01.77-0002",
      "H56.14-0001",
      "H01.77-0003",
      "000.00.06.H56-0001",
    ]);
  });

  it("has no appointment date when the procedure has no fixed time", async () => {
    expect((await created(dossierRequest("ho-ngheo", 3))).dossier.appointmentDate).toBeNull();
  });
});

describe("sandbox portal over HTTP: idempotent retries", () => {
  it("replays the same answer for the same key and body (200), even with keys reordered", async () => {
    const key = randomUUID();
    const body = dossierRequest("khai-sinh", 4);
    const first = await createDossier(sandbox.url, body, key);
    const again = await createDossier(sandbox.url, body, key);
    const reordered = await createDossier(
      sandbox.url,
      Object.fromEntries(Object.entries(body).reverse()),
      key,
    );
    expect(first.status).toBe(201);
    expect(again).toEqual({ status: 200, json: first.json });
    expect(reordered).toEqual({ status: 200, json: first.json });
  });

  it("creates one dossier for concurrent retries with one key", async () => {
    const key = randomUUID();
    const body = dossierRequest("chung-thuc-ban-sao", 5, "H77.01");
    const answers = await Promise.all(Array.from({ length: 6 }, () => createDossier(sandbox.url, body, key)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const codes = new Set(answers.map((a) => createDossierResponseSchema.parse(a.json).dossier.code));
    expect([...codes]).toHaveLength(1);
    const next = await created(body);
    expect(next.dossier.code.endsWith("-0002")).toBe(true);
  });

  it("refuses the same key with a different body (409) and a missing key (400)", async () => {
    const key = randomUUID();
    await created(dossierRequest("khai-sinh", 6), key);
    const other = await createDossier(sandbox.url, dossierRequest("khai-sinh", 7), key);
    expect(other.status).toBe(409);
    expect(errorCode(other.json)).toBe("idempotency-conflict");
    const noKey = await post(`${sandbox.url}/v1/dossiers`, dossierRequest("khai-sinh", 6));
    expect(noKey.status).toBe(400);
    expect(errorCode(noKey.json)).toBe("invalid-request");
  });
});

describe("sandbox portal over HTTP: validation", () => {
  it("names each bad form field (422 invalid-form)", async () => {
    const body = dossierRequest("khai-sinh", 8);
    const { child_name: _dropped, ...rest } = body.formData;
    const answer = await createDossier(sandbox.url, {
      ...body,
      formData: { ...rest, child_birth_date: "31/02/2026", requester_id_number: "12345" },
    });
    expect(answer.status).toBe(422);
    const error = portalErrorSchema.parse(answer.json).error;
    expect(error.code).toBe("invalid-form");
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      "child_birth_date",
      "child_name",
      "requester_id_number",
    ]);
  });

  it("refuses unknown procedures (422), malformed bodies (400) and non-JSON (400)", async () => {
    const unknown = await createDossier(sandbox.url, {
      ...dossierRequest("khai-sinh", 9),
      procedure: "bay-len-troi",
    });
    expect([unknown.status, errorCode(unknown.json)]).toEqual([422, "unknown-procedure"]);
    const malformed = await createDossier(sandbox.url, {
      ...dossierRequest("khai-sinh", 9),
      agencyCode: "h29",
    });
    expect([malformed.status, errorCode(malformed.json)]).toEqual([400, "invalid-request"]);
    expect(portalErrorSchema.parse(malformed.json).error.fields).toHaveProperty("agencyCode");
    const garbage = await createDossier(sandbox.url, "{not json");
    expect([garbage.status, errorCode(garbage.json)]).toEqual([400, "invalid-request"]);
  });

  it("accepts an empty form for a procedure without one, and refuses fields it does not have", async () => {
    await created(dossierRequest("chung-thuc-chu-ky", 10));
    const extra = await createDossier(sandbox.url, {
      ...dossierRequest("chung-thuc-chu-ky", 10),
      formData: { a: "b" },
    });
    expect([extra.status, errorCode(extra.json)]).toEqual([422, "invalid-form"]);
  });
});

describe("sandbox portal over HTTP: who may look a dossier up", () => {
  let mine: CreateDossierResponse;
  const owner = dossierRequest("khai-sinh", 11);
  beforeAll(async () => {
    mine = await created(owner);
  });
  const lookup = (code: string, headers: Record<string, string>) =>
    get(`${sandbox.url}/v1/dossiers/${encodeURIComponent(code)}`, headers);

  it("shows the dossier to the owner's ID number (spaces allowed) and to the access token", async () => {
    const proofs: Array<Record<string, string>> = [
      { "x-owner-id-number": owner.applicant.idNumber },
      { "x-owner-id-number": owner.applicant.idNumber.replace(/(\d{4})/g, "$1 ") },
      { "x-dossier-token": mine.accessToken },
    ];
    for (const headers of proofs) {
      const answer = await lookup(mine.dossier.code, headers);
      expect(answer.status).toBe(200);
      expect(dossierSchema.parse(answer.json)).toEqual(mine.dossier);
    }
    const lower = await lookup(mine.dossier.code.toLowerCase(), { "x-dossier-token": mine.accessToken });
    expect(lower.status).toBe(200);
  });

  it("answers the same 404 for a wrong proof and an unknown code", async () => {
    const unknownCode = mine.dossier.code.replace(/\d{4}$/, "9999");
    const answers = await Promise.all([
      lookup(mine.dossier.code, { "x-owner-id-number": dossierRequest("khai-sinh", 12).applicant.idNumber }),
      lookup(mine.dossier.code, { "x-dossier-token": "dt_wrongwrongwrongwrongwrong" }),
      lookup(unknownCode, { "x-owner-id-number": owner.applicant.idNumber }),
      lookup("NOT-A-CODE", { "x-owner-id-number": owner.applicant.idNumber }),
    ]);
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect([answers[0]?.status, errorCode(answers[0]?.json)]).toEqual([404, "not-found"]);
  });

  it("answers 403 without any proof, the same whether or not the code exists", async () => {
    const known = await lookup(mine.dossier.code, {});
    const unknown = await lookup(mine.dossier.code.replace(/\d{4}$/, "9998"), {});
    expect([known.status, errorCode(known.json)]).toEqual([403, "forbidden"]);
    expect(unknown).toEqual(known);
  });

  it("serves the VNeID finishing page without revealing whether the dossier exists", async () => {
    const page = await fetch(mine.dossier.finishUrl);
    const html = await page.text();
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(html).toContain("VNeID");
    expect(html).toContain(mine.dossier.code);
    const other = await fetch(`${sandbox.url}/v1/dossiers/H29.31-200101-0001/finish`);
    expect((await other.text()).replace(/H29\.31-200101-0001/g, mine.dossier.code)).toBe(html);
  });
});
