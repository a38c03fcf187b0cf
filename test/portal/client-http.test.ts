// PortalClient against small contract-speaking HTTP servers on 127.0.0.1: round trips, ownership headers,
// retries with the same Idempotency-Key (503, dropped connection), timeouts and the bounded total time.
import { describe, expect, it } from "vitest";
import type { CreateDossierRequest, Dossier } from "../../src/portal/contract.js";
import {
  PortalClient,
  PortalUnavailableError,
  type PortalClientConfig,
} from "../../src/portal/client/index.js";
import { json, localPortals } from "./local-portal.js";

const serve = localPortals();

const ID_NUMBER = "001099012345";
const TOKEN = "tok_fake_0123456789abcdefghij";
const API_KEY = "key_fake_test_portal_client";
const CODE = "H29.31-250115-0001";

const request: CreateDossierRequest = {
  procedure: "khai-sinh",
  procedureCode: "1.001193",
  agencyCode: "H29.31",
  formData: { hoTenCon: "Nguyễn Thử Nghiệm", ngaySinhCon: "2025-01-02" },
  applicant: { fullName: "Trần Giả Định", idNumber: ID_NUMBER, phone: null },
  contact: { channel: "web", conversationId: "conv-1" },
};
const dossier: Dossier = {
  code: CODE,
  procedure: "khai-sinh",
  procedureName: "Đăng ký khai sinh",
  agencyCode: "H29.31",
  status: 1,
  statusLabel: "Mới đăng ký",
  submittedAt: "2025-01-15T09:30:00+07:00",
  appointmentDate: "2025-01-17",
  finishUrl: "https://portal.example.test/finish/H29.31-250115-0001",
  requests: [],
  history: [{ status: 1, label: "Mới đăng ký", at: "2025-01-15T09:30:00+07:00", note: null }],
};

function client(url: string, extra: Partial<PortalClientConfig> = {}): PortalClient {
  return new PortalClient({
    baseUrl: url,
    apiKey: API_KEY,
    timeoutMs: 2_000,
    retries: 3,
    backoffBaseMs: 10,
    backoffMaxMs: 50,
    totalTimeoutMs: 10_000,
    ...extra,
  });
}

describe("PortalClient round trips", () => {
  it("creates a dossier: Bearer key, Idempotency-Key, JSON body, parsed answer", async () => {
    const portal = await serve((_s, res) => json(res, 201, { dossier, accessToken: TOKEN }));
    const created = await client(portal.url).createDossier(request, "idem-1");
    expect(created).toEqual({ dossier, accessToken: TOKEN });
    const [call] = portal.seen;
    expect(call?.method).toBe("POST");
    expect(call?.url).toBe("/v1/dossiers");
    expect(call?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call?.headers["idempotency-key"]).toBe("idem-1");
    expect(JSON.parse(call?.body ?? "")).toEqual(request);
  });

  it("looks a dossier up with the owner's ID number in a header, never in the URL", async () => {
    const portal = await serve((_s, res) => json(res, 200, dossier));
    expect(await client(portal.url).getDossier(CODE, { ownerIdNumber: ID_NUMBER })).toEqual(dossier);
    const [call] = portal.seen;
    expect(call?.url).toBe(`/v1/dossiers/${CODE}`);
    expect(call?.headers["x-owner-id-number"]).toBe(ID_NUMBER);
    expect(call?.headers["x-dossier-token"]).toBeUndefined();
    expect(call?.url).not.toContain(ID_NUMBER);
  });

  it("looks a dossier up with the access token in a header, never in the URL", async () => {
    const portal = await serve((_s, res) => json(res, 200, dossier));
    expect(await client(portal.url).getDossier(` ${CODE.toLowerCase()} `, { accessToken: TOKEN })).toEqual(
      dossier,
    );
    const [call] = portal.seen;
    expect(call?.url).toBe(`/v1/dossiers/${CODE}`);
    expect(call?.headers["x-dossier-token"]).toBe(TOKEN);
    expect(call?.headers["x-owner-id-number"]).toBeUndefined();
    expect(call?.url).not.toContain(TOKEN);
  });

  it("changes a status with the staff token and reports health", async () => {
    const portal = await serve((s, res) =>
      s.url === "/healthz" ? json(res, 200, { status: "ok" }) : json(res, 200, { ...dossier, status: 2 }),
    );
    const c = client(portal.url);
    const updated = await c.changeStatus(CODE, { status: 2, note: "Đã nhận" }, "staff-secret");
    expect(updated.status).toBe(2);
    const [call] = portal.seen;
    expect(call?.url).toBe(`/v1/staff/dossiers/${CODE}/status`);
    expect(call?.headers.authorization).toBe("Bearer staff-secret");
    expect(JSON.parse(call?.body ?? "")).toEqual({ status: 2, note: "Đã nhận", requests: [] });
    expect(await c.health()).toBe(true);
  });

  it("reports an unreachable portal as unhealthy", async () => {
    const portal = await serve((_s, res) => json(res, 503, { error: { code: "internal", message: "down" } }));
    expect(await client(portal.url).health()).toBe(false);
    expect(await client("http://127.0.0.1:1").health()).toBe(false);
  });
});

describe("PortalClient retries", () => {
  it("retries a 503 and then succeeds, with the same Idempotency-Key on every attempt", async () => {
    const portal = await serve((_s, res, attempt) =>
      attempt < 3
        ? json(res, 503, { error: { code: "internal", message: "busy" } })
        : json(res, 201, { dossier, accessToken: TOKEN }),
    );
    const created = await client(portal.url).createDossier(request, "idem-503");
    expect(created.dossier.code).toBe(CODE);
    expect(portal.seen).toHaveLength(3);
    expect(portal.seen.map((s) => s.headers["idempotency-key"])).toEqual([
      "idem-503",
      "idem-503",
      "idem-503",
    ]);
    expect(new Set(portal.seen.map((s) => s.body)).size).toBe(1);
  });

  it("retries after the server drops the connection, with the same Idempotency-Key", async () => {
    const portal = await serve((_s, res, attempt) => {
      if (attempt === 1) res.socket?.destroy();
      else json(res, 201, { dossier, accessToken: TOKEN });
    });
    const created = await client(portal.url).createDossier(request, "idem-drop");
    expect(created.accessToken).toBe(TOKEN);
    expect(portal.seen).toHaveLength(2);
    expect(portal.seen.map((s) => s.headers["idempotency-key"])).toEqual(["idem-drop", "idem-drop"]);
  });

  it("gives up after the retries on persistent 5xx with PortalUnavailableError", async () => {
    const portal = await serve((_s, res) => json(res, 500, { error: { code: "internal", message: "boom" } }));
    const error = await client(portal.url, { retries: 2 })
      .getDossier(CODE, { accessToken: TOKEN })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortalUnavailableError);
    expect(error).toMatchObject({ reason: "server", status: 500, attempts: 3 });
    expect(portal.seen).toHaveLength(3);
  });

  it("times out each attempt, retries, then fails with PortalUnavailableError", async () => {
    const portal = await serve(() => undefined); // never answers
    const started = Date.now();
    const error = await client(portal.url, { timeoutMs: 200, retries: 2, totalTimeoutMs: 10_000 })
      .createDossier(request, "idem-slow")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortalUnavailableError);
    expect(error).toMatchObject({ reason: "timeout", attempts: 3 });
    expect(portal.seen).toHaveLength(3);
    expect(portal.seen.every((s) => s.headers["idempotency-key"] === "idem-slow")).toBe(true);
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it("bounds the total time of a call whatever the retry settings", async () => {
    const portal = await serve(() => undefined);
    const started = Date.now();
    const error = await client(portal.url, {
      timeoutMs: 1_000,
      retries: 10,
      backoffBaseMs: 500,
      totalTimeoutMs: 700,
    })
      .getDossier(CODE, { ownerIdNumber: ID_NUMBER })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortalUnavailableError);
    expect(error).toMatchObject({ reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("does not retry a staff status change (no idempotency key)", async () => {
    const portal = await serve((_s, res) => json(res, 503, { error: { code: "internal", message: "busy" } }));
    const error = await client(portal.url)
      .changeStatus(CODE, { status: 4 }, "staff-secret")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "server", attempts: 1 });
    expect(portal.seen).toHaveLength(1);
  });
});
