// The question log fed by the real assistant through /api/chat: each kind of outcome, personal
// data masked (and form answers never logged), silence while an officer has the chat, and
// "xóa dữ liệu của tôi" erasing the conversation's events while keeping everyone else's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuestionEvent } from "../../src/core/ports.js";
import { chat, startApp, type TestApp } from "../helpers/app.js";

const NAME = "Nguyễn Văn Thử";
const CCCD = "001099000001";
const PHONE = "0912345678";

describe("question log from real turns", () => {
  let app: TestApp;
  let n = 0;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const session = (): string => `qlog-session-${++n}`;
  const all = (): Promise<QuestionEvent[]> => app.stores.questions.since(0, 1000);
  const latest = async (): Promise<QuestionEvent | undefined> => (await app.stores.questions.since(0, 1))[0];

  it.each([
    ["làm giấy khai sinh cần gì", "answered", "khai-sinh"],
    ["gặp cán bộ", "handed-off", null],
    ["con mèo nhà tôi bị ốm", "not-understood", null],
    ["giấy phép", "offered-choices", null],
    ["chứng thực", "low-confidence", "chung-thuc-chu-ky"],
  ])("logs %j as %s (procedure %s)", async (text, outcome, procedure) => {
    await chat(app, session(), text);
    const e = await latest();
    expect(e).toMatchObject({ channel: "web", outcome, procedure, question: text });
    const confidence = e?.confidence ?? 0;
    expect(confidence >= 0 && confidence <= 1).toBe(true);
  });

  it("groups a question the bot missed under the procedure being discussed", async () => {
    const s = session();
    await chat(app, s, "làm giấy khai sinh cần gì");
    await chat(app, s, "con mèo nhà tôi bị ốm thì sao");
    expect(await latest()).toMatchObject({ outcome: "not-understood", procedure: "khai-sinh" });
  });

  it("masks ID numbers, phone numbers and names, and cuts long questions to 300 characters", async () => {
    await chat(app, session(), `tôi là ${NAME}, số căn cước ${CCCD}, điện thoại ${PHONE}, muốn làm hộ chiếu`);
    const e = await latest();
    expect(e?.procedure).toBe("ho-chieu");
    for (const secret of [NAME, "Thử", CCCD, PHONE]) expect(e?.question).not.toContain(secret);
    expect(e?.question).toMatch(/\[SỐ CCCD\]/);
    await chat(app, session(), `làm hộ chiếu ${"rất ".repeat(200)}gấp`);
    expect((await latest())?.question?.length).toBe(300);
  });

  it("never logs form answers, and stays silent while an officer has the conversation", async () => {
    const s = session();
    await chat(app, s, "làm giấy khai sinh cần gì");
    const before = (await all()).length;
    await chat(app, s, "", "form");
    for (const answer of ["đồng ý", NAME, CCCD, "1", PHONE]) await chat(app, s, answer);
    const during = (await all()).slice(0, (await all()).length - before);
    expect(during.map((e) => e.question)).toEqual([null]); // the "form" button only
    await chat(app, s, "gặp cán bộ");
    expect(await latest()).toMatchObject({ outcome: "handed-off", procedure: "khai-sinh" });
    const count = (await all()).length;
    await chat(app, s, "cán bộ ơi, bé sinh ở nhà thì sao?");
    expect((await all()).length).toBe(count);
    const text = JSON.stringify(await all());
    for (const secret of [NAME, CCCD, PHONE]) expect(text).not.toContain(secret);
    expect(app.logs.join("")).not.toContain(CCCD);
  });

  it("erases a conversation's events on \"xóa dữ liệu của tôi\" and keeps the others'", async () => {
    const [mine, other] = [session(), session()];
    await chat(app, mine, "thủ tục đăng ký kết hôn cần gì");
    await chat(app, mine, "làm căn cước cho con");
    await chat(app, other, "đăng ký thường trú cần gì");
    const questions = async () => (await all()).map((e) => e.question);
    expect(await questions()).toEqual(
      expect.arrayContaining([
        "thủ tục đăng ký kết hôn cần gì",
        "làm căn cước cho con",
        "đăng ký thường trú cần gì",
      ]),
    );
    await chat(app, mine, "xóa dữ liệu của tôi");
    await chat(app, mine, "", "yes");
    const left = await questions();
    expect(left).not.toContain("thủ tục đăng ký kết hôn cần gì");
    expect(left).not.toContain("làm căn cước cho con");
    expect(left).not.toContain("xóa dữ liệu của tôi");
    expect(left).toContain("đăng ký thường trú cần gì");
  });
});
