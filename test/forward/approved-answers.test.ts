// Approved answers end to end (createApp, web chat API, staff API): an answer saved through
// /api/staff/answers is served to citizens asking the same question, marked with the reviewer and
// date, ahead of the generated one; near-miss questions, expired and deleted answers are not served.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApprovedAnswer } from "../../src/core/ports.js";
import { chat, startApp, type TestApp } from "../helpers/app.js";

const TOKEN = "staff-token-0123456789";
const DAY = 86_400_000;
// The assistant's clock starts now (the stores keep real time) and moves forward to test expiry.
let clock = Date.now();
let app: TestApp;
let sessions = 0;

beforeAll(async () => {
  app = await startApp({ PORTAL: "off", STAFF_API_TOKEN: TOKEN }, { now: () => clock });
});
afterAll(async () => {
  await app.close();
});

async function api(method: string, path: string, body?: unknown, token = TOKEN) {
  const res = await app.http.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const create = async (fields: Record<string, unknown>): Promise<ApprovedAnswer> => {
  const res = await api("POST", "/api/staff/answers", {
    validDays: 30,
    reviewer: "Nguyễn Thị Lan",
    ...fields,
  });
  expect(res.status).toBe(201);
  return res.json.answer as ApprovedAnswer;
};

/** The whole reply of a fresh citizen conversation to one question. */
async function ask(question: string): Promise<string> {
  const replies = await chat(app, `citizen-approved-${++sessions}`, question);
  return replies.map((r) => r.text).join("\n");
}

/** dd/mm/yyyy in Vietnam time (UTC+7). */
const vnDay = (ms: number): string =>
  new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10).split("-").reverse().join("/");
const MARK = `Câu trả lời đã được cán bộ Nguyễn Thị Lan duyệt ngày ${vnDay(clock)}`;

describe("approved answers served to citizens", () => {
  let papers: ApprovedAnswer;
  beforeAll(async () => {
    papers = await create({
      question: "Làm giấy khai sinh cần những giấy tờ gì?",
      procedure: "khai-sinh",
      answer: "Mang tờ khai, giấy chứng sinh của bé và căn cước của người đi khai (bản đã duyệt).",
    });
  });

  it("serves the reviewed answer, marked with reviewer and date, to the same question however it is typed", async () => {
    for (const question of [
      "Làm giấy khai sinh cần những giấy tờ gì?",
      "lam giay khai sinh can nhung giay to gi",
      "cho em hỏi làm giấy khai sinh cần giấy tờ gì ạ",
      "đăng ký khai sinh cần giấy tờ gì",
      "lam giay ks can j",
    ]) {
      const text = await ask(question);
      expect(text, question).toContain(papers.answer);
      expect(text, question).toContain(MARK);
    }
  });

  it("does not serve it for near-miss questions: other intent, other situation, other procedure", async () => {
    for (const question of [
      "lệ phí làm giấy khai sinh bao nhiêu",
      "làm giấy khai sinh mất bao lâu",
      "khai sinh cho bé sinh ở nhà cần giấy tờ gì",
      "khai sinh quá hạn cần giấy tờ gì",
      "làm giấy khai tử cần những giấy tờ gì",
      "làm giấy khai sinh online cần giấy tờ gì",
    ]) {
      const text = await ask(question);
      expect(text, question).not.toContain(papers.answer);
      expect(text, question).not.toContain("đã được cán bộ");
    }
  });

  it("answers a follow-up about the current topic when it is the approved question", async () => {
    const fee = await create({
      question: "Lệ phí đăng ký khai sinh bao nhiêu?",
      procedure: "khai-sinh",
      answer: "Đúng hạn thì miễn lệ phí (bản đã duyệt).",
    });
    const session = `citizen-approved-${++sessions}`;
    await chat(app, session, "thủ tục đăng ký kết hôn");
    const other = await chat(app, session, "lệ phí bao nhiêu");
    expect(other.map((r) => r.text).join("\n")).not.toContain(fee.answer);
    await chat(app, session, "đăng ký khai sinh");
    const followUp = await chat(app, session, "lệ phí bao nhiêu?");
    expect(followUp.map((r) => r.text).join("\n")).toContain(fee.answer);
    await api("DELETE", `/api/staff/answers/${fee.id}`);
  });

  it("stops serving an answer once it expired, and lists only valid ones", async () => {
    const short = await create({
      question: "Nộp hồ sơ hộ chiếu ở đâu?",
      answer: "Ở Công an tỉnh (đã duyệt).",
      validDays: 1,
    });
    expect(await ask("nộp hồ sơ hộ chiếu ở đâu")).toContain(short.answer);
    clock += 2 * DAY;
    expect(await ask("nộp hồ sơ hộ chiếu ở đâu")).not.toContain(short.answer);
    const listed = (await api("GET", "/api/staff/answers")).json.answers as ApprovedAnswer[];
    expect(listed.map((a) => a.id)).toContain(papers.id);
    expect(listed.map((a) => a.id)).not.toContain(short.id);
  });

  it("stops serving a deleted answer; deleting again is a polite 404", async () => {
    const extra = await create({
      question: "Đăng ký tạm trú cần gì?",
      procedure: "tam-tru",
      answer: "Tờ khai CT01 (đã duyệt).",
    });
    expect(await ask("đăng ký tạm trú cần gì")).toContain(extra.answer);
    expect((await api("DELETE", `/api/staff/answers/${extra.id}`)).json).toEqual({ deleted: true });
    expect(await ask("đăng ký tạm trú cần gì")).not.toContain(extra.answer);
    const again = await api("DELETE", `/api/staff/answers/${extra.id}`);
    expect(again.status).toBe(404);
    expect(again.json.error).toMatch(/Không tìm thấy câu trả lời đã duyệt/);
  });
});

describe("the staff answers API", () => {
  it.each([
    ["bad JSON", "{oops", /JSON/],
    ["no question", { answer: "x", reviewer: "Lan", validDays: 10 }, /Thiếu câu hỏi/],
    [
      "empty answer",
      { question: "Hỏi?", answer: "   ", reviewer: "Lan", validDays: 10 },
      /Câu trả lời \(answer\) đang trống/,
    ],
    ["no reviewer", { question: "Hỏi?", answer: "Đáp", validDays: 10 }, /Thiếu tên cán bộ duyệt/],
    ["too long", { question: "Hỏi?", answer: "Đáp", reviewer: "Lan", validDays: 400 }, /tối đa là 365 ngày/],
    ["not whole days", { question: "Hỏi?", answer: "Đáp", reviewer: "Lan", validDays: 1.5 }, /số nguyên/],
    [
      "unknown procedure",
      { question: "Hỏi?", answer: "Đáp", reviewer: "Lan", validDays: 5, procedure: "xyz" },
      /Không có thủ tục mã “xyz”/,
    ],
  ])("refuses %s with a 400 in Vietnamese", async (_, body, message) => {
    const res = await api("POST", "/api/staff/answers", body);
    expect(res.status).toBe(400);
    expect(String(res.json.error)).toMatch(message);
  });

  it("is behind the staff authentication", async () => {
    expect((await api("GET", "/api/staff/answers", undefined, "wrong-token-0123456789")).status).toBe(401);
    const post = await api(
      "POST",
      "/api/staff/answers",
      { question: "Q?", answer: "A", reviewer: "L", validDays: 3 },
      "x",
    );
    expect(post.status).toBe(401);
  });

  it("logs neither the answers nor the reviewer's name", () => {
    const logs = app.logs.join("\n");
    expect(logs).toContain("approved.served");
    expect(logs).not.toContain("Nguyễn Thị Lan");
    expect(logs).not.toContain("bản đã duyệt");
  });
});
