// verifyCallback: accepts a correctly signed, fresh status-change callback and refuses a wrong signature,
// a stale timestamp, a tampered body, missing headers and a body that breaks the contract.
import { describe, expect, it } from "vitest";
import { verifyCallback } from "../../src/portal/client/index.js";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, type StatusCallback } from "../../src/portal/contract.js";
import { signBody } from "../../src/portal/signature.js";

const SECRET = "callback-secret-for-tests";
const callback: StatusCallback = {
  eventId: "evt-00000001",
  dossierCode: "H29.31-250115-0001",
  status: 5,
  statusLabel: "Yêu cầu bổ sung giấy tờ",
  note: "Thiếu giấy chứng sinh",
  requests: ["Giấy chứng sinh (bản chính)"],
  appointmentDate: "2025-01-20",
  at: "2025-01-16T10:00:00+07:00",
  contact: { channel: "zalo", conversationId: "zalo-user-1" },
};
const body = JSON.stringify(callback);
const now = () => Math.floor(Date.now() / 1000);

function headers(ts: number, signature: string): Record<string, string> {
  return { [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signature };
}

describe("verifyCallback", () => {
  it("accepts a correct signature and returns the parsed callback", () => {
    const ts = now();
    expect(verifyCallback(SECRET, headers(ts, signBody(SECRET, ts, body)), body)).toEqual(callback);
  });

  it("accepts a Buffer body and fetch-style Headers with any letter case", () => {
    const ts = now();
    const h = new Headers({
      "X-Portal-Timestamp": String(ts),
      "X-Portal-Signature": signBody(SECRET, ts, body),
    });
    expect(verifyCallback(SECRET, h, Buffer.from(body, "utf8"))).toEqual(callback);
    const node = { "X-Portal-Timestamp": String(ts), "X-Portal-Signature": signBody(SECRET, ts, body) };
    expect(verifyCallback(SECRET, node, body)).toEqual(callback);
  });

  it("rejects a signature made with another secret", () => {
    const ts = now();
    expect(verifyCallback(SECRET, headers(ts, signBody("other-secret", ts, body)), body)).toBeNull();
  });

  it("rejects a stale timestamp even with a matching signature", () => {
    const ts = now() - 3600;
    expect(verifyCallback(SECRET, headers(ts, signBody(SECRET, ts, body)), body)).toBeNull();
  });

  it("rejects a tampered body", () => {
    const ts = now();
    const tampered = JSON.stringify({ ...callback, status: 10 });
    expect(verifyCallback(SECRET, headers(ts, signBody(SECRET, ts, body)), tampered)).toBeNull();
  });

  it("rejects missing or repeated headers, an empty secret and a signed body that breaks the contract", () => {
    const ts = now();
    const sig = signBody(SECRET, ts, body);
    expect(verifyCallback(SECRET, { [TIMESTAMP_HEADER]: String(ts) }, body)).toBeNull();
    expect(
      verifyCallback(SECRET, { [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: [sig, sig] }, body),
    ).toBeNull();
    expect(verifyCallback("", headers(ts, signBody("", ts, body)), body)).toBeNull();
    const bad = JSON.stringify({ ...callback, dossierCode: "not a code" });
    expect(verifyCallback(SECRET, headers(ts, signBody(SECRET, ts, bad)), bad)).toBeNull();
    expect(verifyCallback(SECRET, headers(ts, signBody(SECRET, ts, "{oops")), "{oops")).toBeNull();
  });
});
