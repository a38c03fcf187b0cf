// A citizen in the middle of a form when the process restarts: the conversation lives in the store
// (SQLite under DATA_DIR, or Redis with REDIS_URL), so a new process continues at the same field
// with the earlier answers, and the confirmed form is stored.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { chat, startApp, type TestApp } from "../helpers/app.js";
import { REDIS_TEST_URL, dropRedisKeys, redisReachable, warnRedisSkipped } from "../helpers/stores.js";
import { tempDir } from "../helpers/tmp.js";

/** The khai-sinh form, in order: what the citizen answers and the value stored for it. */
const ANSWERS: ReadonlyArray<readonly [field: string, answer: string, stored: string]> = [
  ["requester_name", "Nguyễn Văn An", "Nguyễn Văn An"],
  ["requester_id_number", "001203004567", "001203004567"],
  ["requester_relation", "1", "Cha"],
  ["requester_phone", "0912345678", "0912345678"],
  ["child_name", "Nguyễn Minh Khôi", "Nguyễn Minh Khôi"],
  ["child_birth_date", "05/03/2024", "05/03/2024"],
  ["child_sex", "Nam", "Nam"],
  ["child_ethnicity", "Kinh", "Kinh"],
  [
    "child_birth_place",
    "Bệnh viện Phụ sản Hà Nội, phường Láng, Hà Nội",
    "Bệnh viện Phụ sản Hà Nội, phường Láng, Hà Nội",
  ],
  ["child_hometown", "xã Yên Lãng, huyện Thanh Trì, Hà Nội", "xã Yên Lãng, huyện Thanh Trì, Hà Nội"],
  ["mother_name", "Trần Thị Bích", "Trần Thị Bích"],
  ["mother_birth_year", "1995", "1995"],
  ["father_name", "Nguyễn Văn An", "Nguyễn Văn An"],
  ["father_birth_year", "1993", "1993"],
  ["residence", "Số 12 ngõ 34 Láng Hạ, phường Láng, Hà Nội", "Số 12 ngõ 34 Láng Hạ, phường Láng, Hà Nội"],
];
const TOTAL = ANSWERS.length;
const text = (replies: Awaited<ReturnType<typeof chat>>) => replies.map((r) => r.text).join("\n");
const valuesUpTo = (n: number) => Object.fromEntries(ANSWERS.slice(0, n).map(([f, , v]) => [f, v]));

/** Runs the same restart scenario against whatever store `start` configures. */
function restartScenario(
  start: () => Promise<TestApp>,
  sessionId: () => string,
  cleanUp?: (app: TestApp) => Promise<void>,
) {
  const apps: TestApp[] = [];
  afterAll(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close().catch(() => undefined)));
  });
  const open = async () => {
    const app = await start();
    apps.push(app);
    return app;
  };
  const stop = async (app: TestApp) => {
    await app.close();
    apps.splice(apps.indexOf(app), 1);
  };

  it("resumes the form at the same field after a restart, twice, and stores the confirmed form", async () => {
    const session = sessionId();
    const conversationId = `web:${session}`;

    // First process: requirements, consent, the first three fields.
    const first = await open();
    await chat(first, session, "làm giấy khai sinh cần gì");
    expect(text(await chat(first, session, "điền tờ khai"))).toMatch(/Anh\/chị có đồng ý không\?/);
    expect(text(await chat(first, session, "đồng ý"))).toMatch(/\(1\/15\) Họ, chữ đệm và tên người đi khai/);
    for (const [, answer] of ANSWERS.slice(0, 3)) await chat(first, session, answer);
    expect((await first.stores.conversations.load(conversationId))?.form?.step).toBe(3);
    await stop(first);

    // Second process: the state is there; the next message answers field 4 (phone), not a new question.
    const second = await open();
    const restored = await second.stores.conversations.load(conversationId);
    expect(restored).toMatchObject({
      topic: "khai-sinh",
      consent: true,
      pending: { kind: "form-field" },
      form: { slug: "khai-sinh", step: 3, values: valuesUpTo(3) },
    });
    const afterPhone = text(await chat(second, session, ANSWERS[3]?.[1] ?? ""));
    expect(afterPhone).toMatch(/\(5\/15\) Họ, chữ đệm và tên của bé/);
    expect(afterPhone).not.toMatch(/đồng ý không|Bắt đầu điền/); // neither consent nor the form starts again
    for (const [, answer] of ANSWERS.slice(4, 10)) await chat(second, session, answer);
    expect((await second.stores.conversations.load(conversationId))?.form?.values).toEqual(valuesUpTo(10));
    const restoredAgain = text(await chat(second, session, ANSWERS[10]?.[1] ?? ""));
    expect(restoredAgain).toMatch(/\(12\/15\) Năm sinh của mẹ/);
    let last = "";
    for (const [, answer] of ANSWERS.slice(11)) last = text(await chat(second, session, answer));
    expect(last).toMatch(/kiểm tra lại thông tin «Tờ khai đăng ký khai sinh»/);
    expect(last).toContain("• Họ, chữ đệm và tên người đi khai: Nguyễn Văn An");
    await stop(second);

    // Third process: the summary is still waiting for confirmation; confirming stores the form.
    const third = await open();
    expect((await third.stores.conversations.load(conversationId))?.pending).toEqual({
      kind: "form-confirm",
    });
    const saved = await chat(third, session, "đúng rồi");
    expect(text(saved)).toMatch(
      /✅ Đã lưu tờ khai «Tờ khai đăng ký khai sinh» \(mã tham chiếu [0-9A-F-]{8}\)/,
    );
    const forms = await third.stores.forms.listFor(conversationId);
    expect(forms).toHaveLength(1);
    expect(forms[0]).toMatchObject({ conversationId, procedure: "khai-sinh", values: valuesUpTo(TOTAL) });
    expect(text(saved)).toContain((forms[0]?.id ?? "").slice(0, 8).toUpperCase());
    const state = await third.stores.conversations.load(conversationId);
    expect(state?.form).toBeNull();
    expect(state?.pending).toBeNull();
    expect(TOTAL).toBe(15);

    if (cleanUp) await cleanUp(third);
  });
}

describe("restart in the middle of a form (SQLite)", () => {
  const dataDir = tempDir("motcua-restart-");
  restartScenario(
    () => startApp({}, { dataDir }),
    () => `restart-sqlite-${randomUUID()}`,
  );
});

const redisUp = await redisReachable();
if (!redisUp) warnRedisSkipped();

describe.runIf(redisUp)("restart in the middle of a form (Redis)", () => {
  const prefix = `motcua-test-restart-${randomUUID()}:`;
  const session = `restart-redis-${randomUUID()}`;
  // Belt and braces: the scenario erases its conversation; remove anything left under the prefix.
  afterAll(() => dropRedisKeys(prefix));
  restartScenario(
    () =>
      startApp(
        { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: prefix },
        { dataDir: tempDir("motcua-restart-redis-") },
      ),
    () => session,
    async (app) => {
      // The citizen erases everything: conversation and confirmed form are gone from Redis.
      expect(text(await chat(app, session, "xóa dữ liệu của tôi"))).toMatch(/chắc muốn xóa toàn bộ dữ liệu/);
      expect(text(await chat(app, session, "có"))).toMatch(/Đã xóa toàn bộ dữ liệu/);
      const blank = await app.stores.conversations.load(`web:${session}`);
      expect(
        blank && { topic: blank.topic, form: blank.form, consent: blank.consent, turns: blank.turns },
      ).toEqual({
        topic: null,
        form: null,
        consent: false,
        turns: 0,
      });
      expect(await app.stores.forms.listFor(`web:${session}`)).toEqual([]);
    },
  );
});
