// Staff status changes on the sandbox portal (separate process): Bearer token, legal and illegal
// moves through the national statuses, and the signed callbacks a local receiver gets (with retry).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDossierResponseSchema,
  dossierSchema,
  portalErrorSchema,
  statusCallbackSchema,
  type Dossier,
} from "../../src/portal/contract.js";
import { verifySignature } from "../../src/portal/signature.js";
import { tempDir } from "../helpers/tmp.js";
import {
  CALLBACK_SECRET,
  STAFF_TOKEN,
  startReceiver,
  startSandbox,
  type ReceivedCallback,
  type Receiver,
  type RunningSandbox,
} from "./sandbox/harness.js";
import { createDossier, dossierRequest, post, type Answer } from "./sandbox/requests.js";

let sandbox: RunningSandbox;
let receiver: Receiver;
const dataDir = tempDir("motcua-sandbox-staff-");

beforeAll(async () => {
  receiver = await startReceiver();
  sandbox = await startSandbox({
    PORTAL_DATA_DIR: dataDir,
    PORTAL_CALLBACK_URL: receiver.url,
    PORTAL_CALLBACK_SECRET: CALLBACK_SECRET,
    PORTAL_CALLBACK_RETRY_MS: "100",
  });
});
afterAll(async () => {
  await sandbox?.stop();
  await receiver?.close();
});

async function newDossier(n: number): Promise<Dossier> {
  const answer = await createDossier(sandbox.url, dossierRequest("khai-sinh", n));
  return createDossierResponseSchema.parse(answer.json).dossier;
}

function move(code: string, body: unknown, token = STAFF_TOKEN): Promise<Answer> {
  return post(`${sandbox.url}/v1/staff/dossiers/${encodeURIComponent(code)}/status`, body, {
    authorization: `Bearer ${token}`,
  });
}

const verified = (cb: ReceivedCallback): boolean =>
  verifySignature(
    CALLBACK_SECRET,
    cb.headers["x-portal-timestamp"],
    cb.body,
    cb.headers["x-portal-signature"],
  );

describe("staff status changes", () => {
  it("needs the staff Bearer token (401)", async () => {
    const d = await newDossier(20);
    for (const answer of [
      await move(d.code, { status: 2 }, "wrong-token-wrong-token"),
      await post(`${sandbox.url}/v1/staff/dossiers/${d.code}/status`, { status: 2 }),
    ]) {
      expect(answer.status).toBe(401);
      expect(portalErrorSchema.parse(answer.json).error.code).toBe("unauthorized");
    }
  });

  it("walks a dossier through the real statuses, recording history and requests", async () => {
    const d = await newDossier(21);
    const steps = [
      { status: 2, note: "Đã tiếp nhận tại bộ phận một cửa" },
      { status: 4, note: null },
      { status: 5, note: "Thiếu giấy tờ", requests: ["Bản sao giấy chứng sinh", "Giấy ủy quyền"] },
      { status: 6, note: "Nộp lệ phí 8.000 đồng" },
      { status: 4 },
      { status: 9, note: "Đã ký giấy khai sinh" },
      { status: 10, note: "Đã trả kết quả" },
    ];
    let last: Dossier = d;
    for (const step of steps) {
      const answer = await move(d.code, step);
      expect([step.status, answer.status]).toEqual([step.status, 200]);
      last = dossierSchema.parse(answer.json);
    }
    expect(last.status).toBe(10);
    expect(last.statusLabel).toBe("Đã trả kết quả");
    expect(last.history.map((h) => h.status)).toEqual([1, 2, 4, 5, 6, 4, 9, 10]);
    expect(last.history[1]?.note).toBe("Đã tiếp nhận tại bộ phận một cửa");
    expect(last.requests).toEqual(["Bản sao giấy chứng sinh", "Giấy ủy quyền"]);
  });

  it("refuses illegal moves with 409 and unknown codes with 404", async () => {
    const d = await newDossier(22);
    expect((await move(d.code, { status: 5 })).status).toBe(409);
    expect((await move(d.code, { status: 10 })).status).toBe(409);
    expect((await move(d.code, { status: 3, note: "Hồ sơ không thuộc thẩm quyền" })).status).toBe(200);
    const fromTerminal = await move(d.code, { status: 2 });
    expect(fromTerminal.status).toBe(409);
    expect(portalErrorSchema.parse(fromTerminal.json).error.message).toMatch(/Không được tiếp nhận/);
    const unknown = await move(d.code.replace(/\d{4}$/, "9999"), { status: 2 });
    expect([unknown.status, portalErrorSchema.parse(unknown.json).error.code]).toEqual([404, "not-found"]);
  });

  it("lets the citizen withdraw (7) from an open status, and takes requests only with status 5", async () => {
    const d = await newDossier(23);
    expect((await move(d.code, { status: 2 })).status).toBe(200);
    expect((await move(d.code, { status: 4, requests: ["x"] })).status).toBe(400);
    expect((await move(d.code, { status: 42 })).status).toBe(400);
    expect((await move(d.code, { status: 7, note: "Công dân rút hồ sơ" })).status).toBe(200);
    expect((await move(d.code, { status: 4 })).status).toBe(409);
  });
});

describe("status callbacks", () => {
  it("sends one signed callback per change, in order, with unique event ids", async () => {
    const d = await newDossier(30);
    await move(d.code, { status: 2, note: "Tiếp nhận" });
    await move(d.code, { status: 5, note: "Bổ sung", requests: ["Giấy ủy quyền"] });
    const mine = (await receiver.waitFor(d.code, 2)).map((cb) => ({
      cb,
      body: statusCallbackSchema.parse(JSON.parse(cb.body)),
    }));
    expect(mine.map((x) => x.body.status)).toEqual([2, 5]);
    for (const { cb } of mine) {
      expect(verified(cb)).toBe(true);
      expect(cb.headers["content-type"]).toMatch(/application\/json/);
    }
    const [first, second] = mine.map((x) => x.body);
    expect(first?.eventId).not.toBe(second?.eventId);
    expect(second).toMatchObject({
      statusLabel: "Yêu cầu bổ sung giấy tờ",
      note: "Bổ sung",
      requests: ["Giấy ủy quyền"],
      appointmentDate: d.appointmentDate,
      contact: { channel: "web", conversationId: "conv-30" },
    });
  });

  it("retries a callback the receiver answered with 500, with the same event id", async () => {
    const d = await newDossier(31);
    receiver.respondWith(d.code, 500);
    await move(d.code, { status: 2 });
    const [failed, retried] = await receiver.waitFor(d.code, 2);
    expect(failed?.status).toBe(500);
    expect(retried?.status).toBe(200);
    const a = statusCallbackSchema.parse(JSON.parse(failed?.body ?? ""));
    const b = statusCallbackSchema.parse(JSON.parse(retried?.body ?? ""));
    expect(b.eventId).toBe(a.eventId);
    expect(retried && verified(retried)).toBe(true);
  });

  it("a callback with a bad signature, a stale timestamp or a changed body fails verification", async () => {
    const d = await newDossier(32);
    await move(d.code, { status: 2 });
    const [cb] = await receiver.waitFor(d.code, 1);
    if (!cb) throw new Error("no callback");
    const ts = cb.headers["x-portal-timestamp"];
    const sig = cb.headers["x-portal-signature"] ?? "";
    expect(verifySignature(CALLBACK_SECRET, ts, cb.body, sig)).toBe(true);
    expect(verifySignature("another-secret-another-secret", ts, cb.body, sig)).toBe(false);
    expect(verifySignature(CALLBACK_SECRET, ts, cb.body.replace('"status":2', '"status":9'), sig)).toBe(
      false,
    );
    expect(
      verifySignature(
        CALLBACK_SECRET,
        ts,
        cb.body,
        sig.replace(/^./, (c) => (c === "0" ? "1" : "0")),
      ),
    ).toBe(false);
    expect(verifySignature(CALLBACK_SECRET, String(Number(ts) - 600), cb.body, sig)).toBe(false);
    expect(verifySignature(CALLBACK_SECRET, undefined, cb.body, sig)).toBe(false);
  });
});
