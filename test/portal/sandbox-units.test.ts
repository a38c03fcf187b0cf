// Unit tests of the sandbox's pieces without HTTP: status transitions, sealing and fingerprints,
// form checks with the core validator, and the fake-people fixtures against every real form.
import { describe, expect, it } from "vitest";
import { STATUS_LABELS, type StatusCode } from "../../src/portal/contract.js";
import {
  TRANSITIONS,
  canMove,
  fakeFormData,
  fakePerson,
  isTerminal,
} from "../../src/portal/sandbox/index.js";
import { checkForm } from "../../src/portal/sandbox/form-check.js";
import { backoffMs } from "../../src/portal/sandbox/outbox.js";
import * as secrets from "../../src/portal/sandbox/secrets.js";
import { realKb } from "../helpers/kb.js";

const today = new Date("2026-03-02T00:00:00Z");

describe("status transitions", () => {
  it("follows the national statuses: 1 → 2/3, processing loop, 9 → 10, withdraw from open ones", () => {
    expect(canMove(1, 2)).toBe(true);
    expect(canMove(1, 3)).toBe(true);
    expect(canMove(1, 4)).toBe(false);
    for (const from of [2, 4, 5, 6] as StatusCode[])
      for (const to of [4, 5, 6, 8, 9] as StatusCode[]) expect(canMove(from, to)).toBe(true);
    expect(canMove(9, 10)).toBe(true);
    expect(canMove(9, 4)).toBe(false);
    for (const s of [1, 2, 4, 5, 6, 9] as StatusCode[]) expect(canMove(s, 7)).toBe(true);
    for (const s of [3, 7, 8, 10] as StatusCode[]) expect(isTerminal(s)).toBe(true);
    expect(Object.keys(TRANSITIONS).map(Number)).toEqual(Object.keys(STATUS_LABELS).map(Number));
  });
});

describe("secrets", () => {
  it("seals a token so only the same idempotency key opens it", () => {
    const sealed = secrets.seal("key-1", "dt_secret");
    expect(sealed).not.toContain("dt_secret");
    expect(secrets.unseal("key-1", sealed)).toBe("dt_secret");
    expect(() => secrets.unseal("key-2", sealed)).toThrow();
  });

  it("fingerprints requests independently of key order", () => {
    expect(secrets.requestFingerprint({ a: 1, b: { c: [1, 2], d: null } })).toBe(
      secrets.requestFingerprint({ b: { d: null, c: [1, 2] }, a: 1 }),
    );
    expect(secrets.requestFingerprint({ a: 1 })).not.toBe(secrets.requestFingerprint({ a: 2 }));
  });

  it("backs off exponentially with a cap", () => {
    expect([1, 2, 3, 4, 20].map((n) => backoffMs(n, 100, 1000))).toEqual([100, 200, 400, 800, 1000]);
  });
});

describe("fake people", () => {
  it("are obviously fake and valid for every real procedure's form", () => {
    const p = fakePerson(7);
    expect(p.fullName.startsWith("Thử ")).toBe(true);
    expect(p.idNumber).toMatch(/^0990\d{8}$/);
    expect(p.phone).toMatch(/^09000000\d{2}$/);
    for (const proc of realKb().procedures) {
      const result = checkForm(proc, fakeFormData(proc.form?.fields ?? [], p, today), today);
      expect([proc.slug, result.ok]).toEqual([proc.slug, true]);
    }
  });
});

describe("form check", () => {
  const khaiSinh = realKb().procedures.find((p) => p.slug === "khai-sinh");
  const fields = khaiSinh?.form?.fields;
  if (!khaiSinh || !fields) throw new Error("khai-sinh needs a form");

  it("names every missing, invalid and unknown field", () => {
    const data = { ...fakeFormData(fields, fakePerson(1), today) };
    delete data.child_name;
    data.child_birth_date = "31/02/2026";
    data.requester_phone = "12345";
    data.favourite_colour = "xanh";
    const result = checkForm(khaiSinh, data, today);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fields).sort()).toEqual(
      ["child_birth_date", "child_name", "favourite_colour", "requester_phone"].sort(),
    );
    expect(result.fields.child_name).toMatch(/bắt buộc/);
  });

  it("normalises accepted values and accepts an empty form for procedures without one", () => {
    const data = { ...fakeFormData(fields, fakePerson(1), today), child_sex: "nu" };
    const result = checkForm(khaiSinh, data, today);
    expect(result.ok && result.values.child_sex).toBe("Nữ");
    const banSao = realKb().procedures.find((p) => p.slug === "chung-thuc-ban-sao");
    expect(banSao && checkForm(banSao, {}, today).ok).toBe(true);
    expect(banSao && checkForm(banSao, { x: "y" }, today).ok).toBe(false);
  });
});
