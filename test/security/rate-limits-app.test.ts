// Rate limits through the real app: web chat per session and per address (polite 429 with
// Retry-After, nothing run, nothing lost), Telegram turns per chat (told once, not run), and wrong
// owner ID numbers for a dossier (5 per hour per conversation and per dossier code).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../helpers/app.js";
import { textUpdate, textsTo, until } from "../channels/telegram/updates.js";
import { postTelegramUpdate, telegramWebhookApp } from "../channels/telegram/webhook-app.js";
import { APPLICANT_A, createdCode, fillAndConfirm, joined, say } from "../portal/sandbox/chat-stack.js";

const LIMITED = /gửi nhanh quá, vui lòng chờ ít phút/;

function post(app: TestApp, sessionId: string, text: string, headers: Record<string, string> = {}) {
  return app.http.request("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ sessionId, text }),
  });
}

describe("web chat rate limits", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({
      RATE_LIMIT_PER_MINUTE: "3",
      RATE_LIMIT_IP_PER_MINUTE: "4",
      TRUST_PROXY: "true",
      PORTAL: "off",
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers the 4th message of a session within a minute with a polite 429, and runs nothing", async () => {
    for (const text of ["xin chào", "làm giấy khai sinh cần gì", "lệ phí bao nhiêu"])
      expect((await post(app, "rl-session-1", text)).status).toBe(200);
    const before = await app.stores.conversations.load("web:rl-session-1");
    const res = await post(app, "rl-session-1", "nộp ở đâu");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: string }).error).toMatch(LIMITED);
    // Nothing already stored is lost or changed by the refused message.
    expect(await app.stores.conversations.load("web:rl-session-1")).toEqual(before);
    expect(before?.topic).toBe("khai-sinh");
    expect((await post(app, "rl-session-2", "xin chào")).status).toBe(200); // other sessions go on
  });

  it("limits photo uploads with the same per-session count", async () => {
    const res = await app.http.request("/api/chat/photo?sessionId=rl-session-1", {
      method: "POST",
      headers: { "content-type": "image/jpeg" },
      body: new Uint8Array([0xff, 0xd8, 0xff]),
    });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: string }).error).toMatch(LIMITED);
  });

  it("limits one client address across many sessions (behind a trusted proxy)", async () => {
    const from = (ip: string) => ({ "x-forwarded-for": `10.0.0.1, ${ip}` });
    for (let i = 0; i < 4; i++)
      expect((await post(app, `rl-ip-${i}-xxxx`, "xin chào", from("203.0.113.5"))).status).toBe(200);
    const refused = await post(app, "rl-ip-9-xxxx", "xin chào", from("203.0.113.5"));
    expect(refused.status).toBe(429);
    expect((await post(app, "rl-ip-10-xxx", "xin chào", from("203.0.113.6"))).status).toBe(200);
  });
});

describe("Telegram per-chat limit", () => {
  const SECRET = "rl_Secret-7";
  const tg = telegramWebhookApp(SECRET, { RATE_LIMIT_PER_MINUTE: "2" });

  it("claims updates over the limit, does not run them, and says so once", async () => {
    const post = (text: string) => postTelegramUpdate(tg.app, textUpdate(4242, text), SECRET);
    for (const text of ["xin chào", "làm căn cước cần gì"]) expect((await post(text)).status).toBe(200);
    for (const text of ["lệ phí", "nộp ở đâu", "bao lâu", "mấy bản"])
      expect((await post(text)).status).toBe(200);
    await until(() => textsTo(tg.emu, 4242).some((t) => LIMITED.test(t)));
    await new Promise((r) => setTimeout(r, 500)); // let anything wrongly queued show up
    expect(textsTo(tg.emu, 4242).filter((t) => LIMITED.test(t))).toHaveLength(1);
    // Only the two messages within the limit ran a turn; the four others were claimed and dropped.
    expect((await tg.app.stores.conversations.load("telegram:4242"))?.turns).toBe(2);
  });
});

describe("wrong owner ID numbers", () => {
  let app: TestApp;
  let code: string;
  beforeAll(async () => {
    app = await startApp({ OWNER_ID_MAX_FAILURES: "5" });
    code = createdCode(await fillAndConfirm(app, "owner-id-owner", APPLICANT_A));
  }, 120_000);
  afterAll(async () => {
    await app.close();
  });

  const wrong = (i: number) => `07930101234${i}`;

  it("after 5 wrong numbers the conversation and the dossier code are paused, politely", async () => {
    expect(code).not.toBe("");
    for (let i = 0; i < 5; i++) {
      expect(joined(await say(app, "owner-id-guesser", `hồ sơ ${code} đến đâu rồi?`))).toContain(
        "số căn cước",
      );
      expect(joined(await say(app, "owner-id-guesser", wrong(i)))).toMatch(/không tìm thấy/i);
    }
    await say(app, "owner-id-guesser", `hồ sơ ${code} đến đâu rồi?`);
    const paused = joined(await say(app, "owner-id-guesser", APPLICANT_A.idNumber));
    expect(paused).toMatch(/quá nhiều lần/);
    expect(paused).not.toContain(`Hồ sơ ${code}:`); // even the right number is not tried now
    // Another conversation asking about the same dossier is paused too (guessing across sessions).
    await say(app, "owner-id-other", `hồ sơ ${code} đến đâu rồi?`);
    expect(joined(await say(app, "owner-id-other", APPLICANT_A.idNumber))).toMatch(/quá nhiều lần/);
    // The owner's own chat needs no ID number and still gets the status.
    expect(joined(await say(app, "owner-id-owner", `hồ sơ ${code} đến đâu rồi?`))).toContain(
      `Hồ sơ ${code}:`,
    );
    expect(app.logs.join("")).not.toContain(APPLICANT_A.idNumber);
  });
});
