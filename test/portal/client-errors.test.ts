// PortalClient error mapping against small local HTTP servers: 4xx are never retried and keep the
// contract code and field messages, malformed 2xx bodies are protocol errors, no secret leaks into errors.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import type { CreateDossierRequest, Dossier } from "../../src/portal/contract.js";
import {
  PortalClient,
  PortalProtocolError,
  PortalRejectedError,
  PortalUnavailableError,
} from "../../src/portal/client/index.js";
import { json, localPortals, type Handler } from "./local-portal.js";

const serve = localPortals();

const ID_NUMBER = "001099054321";
const TOKEN = "tok_fake_abcdefghij0123456789";
const API_KEY = "key_fake_errors_test";
const FORM_VALUE = "Phạm Không Có Thật";
const CODE = "H29.31-250115-0002";
const request: CreateDossierRequest = {
  procedure: "khai-sinh",
  procedureCode: null,
  agencyCode: "H29.31",
  formData: { hoTenCon: FORM_VALUE, ngaySinhCon: "2025-13-40" },
  applicant: { fullName: "Lê Thử Nghiệm", idNumber: ID_NUMBER, phone: "0900000000" },
  contact: { channel: "telegram", conversationId: "chat-42" },
};
const dossier: Dossier = {
  code: CODE,
  procedure: "khai-sinh",
  procedureName: "Đăng ký khai sinh",
  agencyCode: "H29.31",
  status: 2,
  statusLabel: "Đã tiếp nhận",
  submittedAt: "2025-01-15T09:30:00+07:00",
  appointmentDate: null,
  finishUrl: "https://portal.example.test/finish",
  requests: [],
  history: [{ status: 2, label: "Đã tiếp nhận", at: "2025-01-15T09:30:00+07:00", note: null }],
};

const client = (url: string) =>
  new PortalClient({ baseUrl: url, apiKey: API_KEY, timeoutMs: 2_000, retries: 3, backoffBaseMs: 10 });

function expectNoSecrets(error: unknown): void {
  for (const text of [String(error), (error as Error).message, inspect(error, { depth: 5 })]) {
    for (const secret of [ID_NUMBER, TOKEN, API_KEY, FORM_VALUE, "0900000000"])
      expect(text).not.toContain(secret);
  }
}

describe("PortalClient 4xx mapping (never retried)", () => {
  it.each([
    [400, "invalid-request"],
    [404, "unknown-procedure"],
    [409, "idempotency-conflict"],
    [401, "unauthorized"],
  ] as const)("maps %i %s on create to PortalRejectedError after one attempt", async (status, code) => {
    const portal = await serve((_u, res) => json(res, status, { error: { code, message: "không được" } }));
    const error = await client(portal.url)
      .createDossier(request, "idem-4xx")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortalRejectedError);
    expect(error).toMatchObject({ status, code, portalMessage: "không được", fields: {} });
    expect(portal.hits()).toBe(1);
  });

  it("keeps the field messages of a 422 invalid-form, without echoed values", async () => {
    const portal = await serve((_u, res) =>
      json(res, 422, {
        error: {
          code: "invalid-form",
          message: `Form sai cho CCCD ${ID_NUMBER}`,
          fields: { ngaySinhCon: "Ngày sinh không hợp lệ", hoTenCon: `"${FORM_VALUE}" quá dài` },
        },
      }),
    );
    const error = await client(portal.url)
      .createDossier(request, "idem-422")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortalRejectedError);
    const rejected = error as PortalRejectedError;
    expect(rejected.status).toBe(422);
    expect(rejected.code).toBe("invalid-form");
    expect(rejected.fields.ngaySinhCon).toBe("Ngày sinh không hợp lệ");
    expect(rejected.fields.hoTenCon).toContain("quá dài");
    expect(rejected.fields.hoTenCon).not.toContain(FORM_VALUE);
    expect(rejected.portalMessage).toBe("Form sai cho CCCD […]");
    expect(rejected.message).toContain("ngaySinhCon");
    expect(portal.hits()).toBe(1);
    expectNoSecrets(error);
  });

  it("answers null for an unknown dossier (404) without retrying", async () => {
    const portal = await serve((_u, res) =>
      json(res, 404, { error: { code: "not-found", message: "không có" } }),
    );
    expect(await client(portal.url).getDossier(CODE, { ownerIdNumber: ID_NUMBER })).toBeNull();
    expect(portal.hits()).toBe(1);
  });

  it("maps a wrong owner (403 forbidden) to PortalRejectedError naming only the dossier code", async () => {
    const portal = await serve((_u, res) =>
      json(res, 403, { error: { code: "forbidden", message: "sai chủ" } }),
    );
    const error = await client(portal.url)
      .getDossier(CODE, { ownerIdNumber: ID_NUMBER })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, code: "forbidden" });
    expect(String(error)).toContain(CODE);
    expectNoSecrets(error);
  });

  it("answers null without a request for text that is not a dossier code", async () => {
    const portal = await serve((_u, res) => json(res, 200, dossier));
    expect(await client(portal.url).getDossier("../admin", { accessToken: TOKEN })).toBeNull();
    expect(portal.hits()).toBe(0);
  });
});

describe("PortalClient protocol errors", () => {
  it.each([
    ["not JSON", "<html>oops</html>"],
    ["wrong shape", JSON.stringify({ dossier: { ...dossier, status: 42 }, accessToken: TOKEN })],
    ["missing token", JSON.stringify({ dossier })],
  ])("turns a malformed 200 body (%s) into PortalProtocolError", async (_name, body) => {
    const portal = await serve((_u, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(body),
    );
    const error = await client(portal.url)
      .createDossier(request, "idem-bad")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortalProtocolError);
    expect(portal.hits()).toBe(1);
    expectNoSecrets(error);
  });

  it("treats a 4xx without a contract error body as a protocol error", async () => {
    const portal = await serve((_u, res) => res.writeHead(404).end("Not Found"));
    const error = await client(portal.url)
      .getDossier(CODE, { accessToken: TOKEN })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortalProtocolError);
    expect(error).toMatchObject({ status: 404 });
  });
});

describe("PortalClient error texts", () => {
  it("never shows ID numbers, tokens or form values, whatever the failure", async () => {
    const failures: Handler[] = [
      (_u, res) => json(res, 503, { error: { code: "internal", message: `lỗi ${ID_NUMBER} ${TOKEN}` } }),
      (_u, res) => res.socket?.destroy(),
      (_u, res) => json(res, 400, { error: { code: "invalid-request", message: `${TOKEN} ${FORM_VALUE}` } }),
      (_u, res) => json(res, 200, { echoed: ID_NUMBER }),
    ];
    for (const failure of failures) {
      const portal = await serve(failure);
      const c = client(portal.url);
      const errors = await Promise.all([
        c.createDossier(request, "idem-x").catch((e: unknown) => e),
        c.getDossier(CODE, { ownerIdNumber: ID_NUMBER }).catch((e: unknown) => e),
        c.getDossier(CODE, { accessToken: TOKEN }).catch((e: unknown) => e),
      ]);
      for (const error of errors) {
        expect(error).toSatisfy(
          (e) =>
            e instanceof PortalRejectedError ||
            e instanceof PortalUnavailableError ||
            e instanceof PortalProtocolError,
        );
        expectNoSecrets(error);
      }
    }
  });
});
