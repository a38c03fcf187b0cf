// kill -9 of an app process (src/main.ts) in the middle of a form, on SQLite and on Redis: the kill
// lands while a turn is in flight and again right after the confirmation. After each restart every
// answer the citizen saw acknowledged is still there, the form goes on, and the confirmed form is kept.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Stores } from "../../src/core/ports.js";
import { createRedisStores, createSqliteStores } from "../../src/storage/index.js";
import { REDIS_TEST_URL, dropRedisKeys, redisReachable, warnRedisSkipped } from "../helpers/stores.js";
import { tempDir } from "../helpers/tmp.js";
import { APPLICANT_A, khaiSinhAnswers } from "../portal/sandbox/chat-stack.js";
import { say, startInstance, type Instance } from "../scale/instance.js";

const ANSWERS = khaiSinhAnswers(APPLICANT_A);
/** Lines of the form summary that show the answers given before the first crash survived. */
const SUMMARY_LINES = [
  `• Họ, chữ đệm và tên người đi khai: ${APPLICANT_A.name}`,
  "Nguyễn Minh Khôi",
  "05/03/2024",
  "Cha",
];

/** Sends a turn and kills the process before (or while) it is answered. */
async function killMidTurn(app: Instance, session: string, text: string): Promise<void> {
  const inFlight = fetch(`${app.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sessionId: session, text }),
  }).catch(() => null);
  await new Promise((r) => setTimeout(r, 5));
  await app.stop("SIGKILL");
  await inFlight;
}

function killScenario(env: () => Record<string, string>, openStores: () => Promise<Stores>) {
  const apps: Instance[] = [];
  afterAll(async () => {
    await Promise.allSettled(apps.map((a) => a.stop("SIGKILL")));
  });

  it("keeps every acknowledged answer and the confirmed form across two kill -9", async () => {
    const app = await startInstance(env());
    apps.push(app);
    const session = `kill-${randomUUID()}`;
    const conversationId = `web:${session}`;
    await say(app.url, session, "làm giấy khai sinh cần gì");
    await say(app.url, session, "điền tờ khai");
    expect(await say(app.url, session, "đồng ý")).toMatch(/\(1\/15\)/);
    for (const answer of ANSWERS.slice(0, 5)) await say(app.url, session, answer);

    // Crash while the sixth answer is in flight: it is either fully applied or not at all.
    await killMidTurn(app, session, ANSWERS[5] ?? "");
    expect(app.alive()).toBe(false);
    await app.restart();
    // Sent again after the restart: the next question is (7/15) whether or not the crashed turn
    // had been applied (then "05/03/2024" is not a valid sex and (7/15) is asked again).
    expect(await say(app.url, session, ANSWERS[5] ?? "")).toContain("(7/15)");
    let summary = "";
    for (const answer of ANSWERS.slice(6)) summary = await say(app.url, session, answer);
    // The summary lists what was acknowledged before the crash, field by field.
    expect(summary).toMatch(/kiểm tra lại thông tin/);
    for (const line of SUMMARY_LINES) expect(summary).toContain(line);
    expect(await say(app.url, session, "đúng rồi")).toMatch(/✅ Đã lưu tờ khai/);

    // Crash right after the confirmation was answered: the form is stored.
    await app.stop("SIGKILL");
    await app.restart();
    const stores = await openStores();
    try {
      const forms = await stores.forms.listFor(conversationId);
      expect(forms.map((f) => f.procedure)).toEqual(["khai-sinh"]);
      const state = await stores.conversations.load(conversationId);
      expect(state?.form ?? null).toBeNull();
    } finally {
      await stores.close();
    }
    // The conversation still answers after the second restart, where it left off (no open form).
    expect(await say(app.url, session, "lệ phí khai sinh")).toContain("Lệ phí");
    const logs = app.output();
    expect(logs).not.toContain(APPLICANT_A.idNumber);
    expect(logs).not.toContain(APPLICANT_A.phone);
  }, 180_000);
}

describe("kill -9 mid-form (SQLite)", () => {
  const dataDir = tempDir("motcua-kill-sqlite-");
  killScenario(
    () => ({ DATA_DIR: dataDir, PORTAL: "off", REDIS_URL: "" }),
    () =>
      Promise.resolve(createSqliteStores({ path: join(dataDir, "motcua.sqlite"), ttlSeconds: 30 * 86_400 })),
  );
});

const redisUp = await redisReachable();
if (!redisUp) warnRedisSkipped();

describe.runIf(redisUp)("kill -9 mid-form (Redis)", () => {
  const prefix = `motcua-test-kill-${randomUUID()}:`;
  afterAll(() => dropRedisKeys(prefix));
  killScenario(
    () => ({
      DATA_DIR: tempDir("motcua-kill-redis-"),
      PORTAL: "off",
      REDIS_URL: REDIS_TEST_URL,
      REDIS_KEY_PREFIX: prefix,
    }),
    () => createRedisStores({ url: REDIS_TEST_URL, keyPrefix: prefix, ttlSeconds: 3600 }),
  );
});
