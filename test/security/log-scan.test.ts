// Logs never carry personal data: realistic conversations through the real app with the real pino
// logger (a form with name, CCCD and phone; a handoff with an officer's reply naming the citizen; a
// dossier status lookup with the owner's ID, wrong and right; an erase), then every log line is
// scanned for the exact values and for any 12-digit ID or Vietnamese mobile number.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../helpers/app.js";
import { createdCode, fillAndConfirm, say, type FakeApplicant } from "../portal/sandbox/chat-stack.js";

const STAFF_TOKEN = "staff-token-logscan-0123456789";
const CITIZEN: FakeApplicant = { name: "Lê Thị Hồng Nhung", idNumber: "079301012345", phone: "0987654321" };
const OTHER_ID = "001099008877";
const OTHER_PHONE = "0356789012";

/** 12 digits not inside a longer number or a hex id (uuids, request ids). */
const ID_PATTERN = /(?<![\w-])\d{12}(?![\w])/;
/** A Vietnamese mobile number (0 or +84, then 9 digits). */
const PHONE_PATTERN = /(?<![\w-])(?:0|\+84)[35789]\d{8}(?!\w)/;

describe("no personal data in the logs", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ STAFF_API_TOKEN: STAFF_TOKEN, LOG_LEVEL: "debug" });
    const code = createdCode(await fillAndConfirm(app, "logscan-owner", CITIZEN));
    expect(code).not.toBe("");
    // Free text with personal data, a handoff and the officer's reply naming the citizen.
    await say(
      app,
      "logscan-owner",
      `số cccd của tôi là ${CITIZEN.idNumber}, sđt ${CITIZEN.phone}, làm lại căn cước thế nào`,
    );
    await say(app, "logscan-owner", "gặp cán bộ");
    await say(app, "logscan-owner", `tôi là ${CITIZEN.name}, gọi ${CITIZEN.phone}`);
    const open = await app.stores.handoffs.openFor("web:logscan-owner");
    if (!open) throw new Error("no handoff ticket was opened");
    const reply = await app.http.request(`/api/staff/handoffs/${open.id}/reply`, {
      method: "POST",
      headers: { authorization: `Bearer ${STAFF_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ text: `Chào chị ${CITIZEN.name}, cán bộ sẽ gọi lại số ${CITIZEN.phone}.` }),
    });
    expect(reply.status).toBe(200);
    await app.http.request(`/api/chat/updates?sessionId=logscan-owner`);
    // Another chat looks the dossier up with a wrong, then the right owner ID number.
    await say(app, "logscan-other", `hồ sơ ${code} đến đâu rồi?`);
    await say(app, "logscan-other", OTHER_ID);
    await say(app, "logscan-other", `hồ sơ ${code} đến đâu rồi?`);
    await say(app, "logscan-other", `${CITIZEN.idNumber.slice(0, 6)} ${CITIZEN.idNumber.slice(6)}`);
    await say(app, "logscan-other", `số tôi ${OTHER_PHONE}`);
    // A search query and a malformed request carrying personal data.
    await app.http.request(`/api/search?q=${encodeURIComponent(`${CITIZEN.name} ${CITIZEN.idNumber}`)}`);
    await app.http.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"text":"${CITIZEN.phone}"`,
    });
    await say(app, "logscan-owner", "xóa dữ liệu của tôi");
    await say(app, "logscan-owner", "có");
  }, 120_000);
  afterAll(async () => {
    await app.close();
  });

  it("logged the conversations (the scan has something to read)", () => {
    const lines = app.logs.join("").split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(30);
    expect(lines.some((l) => l.includes('"turn"'))).toBe(true);
    expect(lines.some((l) => l.includes("handoff.opened"))).toBe(true);
  });

  it("no log line contains the name, ID numbers or phone numbers used", () => {
    const lines = app.logs.join("").split("\n").filter(Boolean);
    const surname = CITIZEN.name.split(" ").slice(-2).join(" "); // "Hồng Nhung", as people are called
    const values = [CITIZEN.name, surname, CITIZEN.idNumber, CITIZEN.phone, OTHER_ID, OTHER_PHONE];
    const leaks = lines.filter((line) => values.some((v) => line.includes(v)));
    expect(leaks).toEqual([]);
  });

  it("no log line contains any 12-digit number or mobile phone number", () => {
    const lines = app.logs.join("").split("\n").filter(Boolean);
    expect(lines.filter((l) => ID_PATTERN.test(l) || PHONE_PATTERN.test(l))).toEqual([]);
    expect(ID_PATTERN.test(`{"x":"${CITIZEN.idNumber}"}`)).toBe(true); // the patterns do match
    expect(PHONE_PATTERN.test(`{"x":"${CITIZEN.phone}"}`)).toBe(true);
  });
});
