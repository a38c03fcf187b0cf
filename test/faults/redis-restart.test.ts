// Redis dies in the middle of a form (kill -9 of our own redis-server, appendonly): meanwhile the web
// chat answers a polite "hệ thống đang bận" (200, no stack trace) and the webhooks a 503 for the
// platform to retry; once Redis is back the app reconnects by itself and nothing already stored is lost.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../helpers/app.js";
import { APPLICANT_A, khaiSinhAnswers } from "../portal/sandbox/chat-stack.js";
import { textUpdate } from "../channels/telegram/updates.js";
import { postTelegramUpdate } from "../channels/telegram/webhook-app.js";
import { startTelegramEmulator, type TelegramEmulator } from "../helpers/telegram-emulator.js";
import { redisServerInstalled, startOwnRedis, type OwnRedis } from "./own-redis.js";
import { until } from "../scale/instance.js";

const installed = redisServerInstalled();
if (!installed) console.warn("redis-server not installed — Redis restart fault test skipped");

const BUSY = "Xin lỗi, hệ thống đang bận";
const SECRET = "fault-test-secret";

async function post(app: TestApp, sessionId: string, text: string) {
  const res = await app.http.request("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sessionId, text }),
  });
  const body = (await res.json()) as { replies?: Array<{ text: string }>; error?: string };
  return { status: res.status, text: (body.replies ?? []).map((r) => r.text).join("\n"), body };
}

describe.runIf(installed)("Redis restarts in the middle of a conversation", () => {
  let redis: OwnRedis;
  let app: TestApp;
  let telegram: TelegramEmulator;
  const session = `redis-fault-${randomUUID()}`;
  const conversationId = `web:${session}`;
  const answers = khaiSinhAnswers(APPLICANT_A);

  beforeAll(async () => {
    redis = await startOwnRedis();
    telegram = await startTelegramEmulator();
    app = await startApp({
      REDIS_URL: redis.url,
      PORTAL: "off",
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: telegram.url,
    });
  }, 60_000);
  afterAll(async () => {
    // Closing after a Redis restart can wait on a reconnecting client; teardown must not hang on it.
    const bounded = new Promise<void>((resolve) => setTimeout(resolve, 20_000).unref());
    await Promise.race([app?.close().catch(() => undefined), bounded]);
    await redis?.stop("SIGKILL");
    await telegram?.close();
  }, 60_000);

  it("answers 'hệ thống bận' while Redis is down, reconnects, and keeps every stored answer", async () => {
    await post(app, session, "làm giấy khai sinh cần gì");
    await post(app, session, "điền tờ khai");
    expect((await post(app, session, "đồng ý")).text).toMatch(/\(1\/15\)/);
    for (const answer of answers.slice(0, 3)) expect((await post(app, session, answer)).status).toBe(200);
    expect((await app.stores.conversations.load(conversationId))?.form?.step).toBe(3);

    await redis.stop("SIGKILL");
    // The web chat: a polite answer, not a 500 and not a hang.
    const down = await post(app, session, answers[3] ?? "");
    expect(down.status).toBe(200);
    expect(down.text).toContain(BUSY);
    expect(JSON.stringify(down.body)).not.toMatch(/at .*\.ts:\d+|Error:/);
    // A webhook: 503, so Telegram delivers the update again later.
    const hook = await postTelegramUpdate(app, textUpdate(4242, "xin chào"), SECRET);
    expect(hook.status).toBe(503);

    await redis.start();
    // The client reconnects by itself; the citizen's retry goes through (retries until it is back).
    let retried = "";
    await until(async () => {
      const r = await post(app, session, answers[3] ?? "");
      retried = r.text;
      return !r.text.includes(BUSY);
    }, "the app to reconnect to Redis");
    expect(retried).toMatch(/\(5\/15\)/);
    const state = await app.stores.conversations.load(conversationId);
    expect(state?.form?.values).toMatchObject({
      requester_name: APPLICANT_A.name,
      requester_id_number: APPLICANT_A.idNumber,
      requester_relation: "Cha",
      requester_phone: APPLICANT_A.phone,
    });

    for (const answer of answers.slice(4)) await post(app, session, answer);
    expect((await post(app, session, "đúng rồi")).text).toMatch(/✅ Đã lưu tờ khai/);
    // Kill again right after the confirmation: the confirmed form survives (appendfsync always).
    await redis.stop("SIGKILL");
    await redis.start();
    await until(() => app.stores.ping(), "Redis to answer again");
    const forms = await app.stores.forms.listFor(conversationId);
    expect(forms).toHaveLength(1);
    expect(forms[0]?.values).toMatchObject({ requester_id_number: APPLICANT_A.idNumber });
    // The same Telegram update, delivered again now, is answered once.
    const again = await postTelegramUpdate(app, textUpdate(4242, "xin chào", 77_001), SECRET);
    expect(again.status).toBe(200);
    await until(() => telegram.callsOf("sendMessage").some((c) => c.ok), "the Telegram reply");
    const logs = app.logs.join("\n");
    expect(logs).not.toContain(APPLICANT_A.idNumber);
    expect(logs).not.toContain(APPLICANT_A.phone);
    expect(logs).not.toContain(APPLICANT_A.name);
  }, 120_000);
});
