// Scale-out on Redis, end to end: two app processes (src/main.ts) share one Redis. A web conversation
// continues across them, a webhook update delivered to both is answered once, concurrent turns of one
// conversation never interleave, a chat's replies arrive in turn order, and a portal status change
// reaches the citizen once.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PortalClient } from "../../src/portal/client/index.js";
import { textUpdate, textsTo } from "../channels/telegram/updates.js";
import { update as zaloUpdate } from "../channels/zalo/harness.js";
import { redisReachable, warnRedisSkipped } from "../helpers/stores.js";
import { APPLICANT_A, khaiSinhAnswers, postCallback, sqlite } from "../portal/sandbox/chat-stack.js";
import { STAFF_TOKEN, postTelegram, postZalo, startCluster, type Cluster } from "./cluster.js";
import { say, until, type WebReply } from "./instance.js";

const redisUp = await redisReachable();
if (!redisUp) warnRedisSkipped();

/** Waits until `count()` stays the same over several job-queue rounds, so a stray duplicate shows. */
async function settled(count: () => number): Promise<number> {
  let last = -1;
  let stable = 0;
  while (stable < 20) {
    const now = count();
    stable = now === last ? stable + 1 : 0;
    last = now;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

async function updates(base: string, sessionId: string): Promise<WebReply[]> {
  const res = await fetch(`${base}/api/chat/updates?sessionId=${sessionId}`);
  return ((await res.json()) as { replies: WebReply[] }).replies;
}

describe.runIf(redisUp)("two instances on one Redis", () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster();
  }, 120_000);
  afterAll(async () => {
    await c?.close();
  });

  it("continues a web conversation across instances, mid-form, and submits it once", async () => {
    const session = `scale-web-${randomUUID()}`;
    const answers = khaiSinhAnswers(APPLICANT_A);
    const on = (i: number) => (i % 2 === 0 ? c.a.url : c.b.url);
    expect(await say(c.a.url, session, "làm giấy khai sinh cần gì")).toContain("khai sinh");
    expect(await say(c.b.url, session, "điền tờ khai")).toMatch(/đồng ý không\?/);
    expect(await say(c.a.url, session, "đồng ý")).toMatch(/\(1\/15\)/);
    for (const [i, answer] of answers.entries()) {
      const reply = await say(on(i + 1), session, answer);
      if (i < answers.length - 1) expect(reply).toContain(`(${i + 2}/15)`);
      else expect(reply).toMatch(/kiểm tra lại thông tin/);
    }
    const confirmed = await say(c.a.url, session, "đúng rồi");
    const code = /mã hồ sơ (\S+) —/.exec(confirmed)?.[1] ?? "";
    expect(code).not.toBe("");
    const forms = await c.stores.forms.listFor(`web:${session}`);
    expect(forms).toHaveLength(1);
    expect(forms[0]?.values).toMatchObject({ requester_id_number: APPLICANT_A.idNumber });

    // A staff status change: the sandbox calls back instance A once; the same signed callback is
    // then delivered again to both instances. The citizen hears about it exactly once.
    const bell = (r: WebReply) => r.text.includes(`Hồ sơ ${code}:`);
    const seen: WebReply[] = [];
    const poll = async () => {
      seen.push(...(await updates(c.a.url, session)), ...(await updates(c.b.url, session)));
      return seen.filter(bell).length;
    };
    await changeStatus(c, code);
    await until(async () => (await poll()) >= 1, "the status notification");
    const events = outboxBodies(c, code);
    expect(events).toHaveLength(1);
    for (const base of [c.a.url, c.b.url, c.a.url])
      expect(await postCallback(base, events[0] ?? "")).toBe(200);
    for (let i = 0; i < 15; i++) {
      await poll();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen.filter(bell)).toHaveLength(1);
  }, 120_000);

  it("answers a Telegram update delivered to both instances once", async () => {
    const [dup, control] = [91_001, 91_002];
    const update = textUpdate(dup, "làm căn cước cần gì");
    const statuses = await Promise.all([postTelegram(c.a.url, update), postTelegram(c.b.url, update)]);
    expect(statuses).toEqual([200, 200]);
    expect(await postTelegram(c.a.url, textUpdate(control, "làm căn cước cần gì"))).toBe(200);
    await until(
      () => textsTo(c.telegram, dup).length > 0 && textsTo(c.telegram, control).length > 0,
      "replies",
    );
    const once = await settled(() => textsTo(c.telegram, control).length);
    expect(await settled(() => textsTo(c.telegram, dup).length)).toBe(once);
    expect(textsTo(c.telegram, dup)).toEqual(textsTo(c.telegram, control));
  }, 60_000);

  it("answers a Zalo update delivered to both instances once", async () => {
    const [dup, control] = [`zdup-${randomUUID()}`, `zctl-${randomUUID()}`];
    const update = zaloUpdate(dup, "đăng ký kết hôn cần gì", { messageId: `m-${randomUUID()}` });
    const answers = await Promise.all([postZalo(c.a.url, update), postZalo(c.b.url, update)]);
    expect(answers.map((a) => a.status).sort()).toEqual(["duplicate", "queued"]);
    expect((await postZalo(c.b.url, zaloUpdate(control, "đăng ký kết hôn cần gì"))).status).toBe("queued");
    await until(() => c.zalo.sent(dup).length > 0 && c.zalo.sent(control).length > 0, "replies");
    const once = await settled(() => c.zalo.sent(control).length);
    expect(await settled(() => c.zalo.sent(dup).length)).toBe(once);
    expect(c.zalo.sent(dup)).toEqual(c.zalo.sent(control));
  }, 60_000);

  it("runs concurrent web turns of one conversation one at a time (no lost update)", async () => {
    const session = `scale-lock-${randomUUID()}`;
    const questions = ["khai sinh", "lệ phí", "nộp ở đâu", "thời hạn", "căn cước", "kết hôn"];
    const turns = await Promise.all(
      [...questions, ...questions].map((q, i) => say(i % 2 === 0 ? c.a.url : c.b.url, session, q)),
    );
    for (const reply of turns) expect(reply).not.toContain("hệ thống đang bận");
    const state = await c.stores.conversations.load(`web:${session}`);
    expect(state?.turns).toBe(12);
  }, 60_000);

  it("keeps a Telegram chat's form answers in order across instances", async () => {
    const chat = 92_001;
    const answers = khaiSinhAnswers(APPLICANT_A);
    const messages = ["làm giấy khai sinh cần gì", "điền tờ khai", "đồng ý", ...answers];
    // Like Telegram: the next update of a chat is sent once the previous one was acknowledged
    // (not answered); each is delivered to both instances at once.
    for (const text of messages) {
      const u = textUpdate(chat, text);
      expect(await Promise.all([postTelegram(c.a.url, u), postTelegram(c.b.url, u)])).toEqual([200, 200]);
    }
    // Every question (1/15) … (15/15) is asked exactly once: no answer landed in the wrong field.
    const asked = () =>
      textsTo(c.telegram, chat).flatMap((t) => [...t.matchAll(/\((\d+)\/15\)/g)].map((m) => Number(m[1])));
    const summary = () => textsTo(c.telegram, chat).find((t) => t.includes("kiểm tra lại thông tin")) ?? "";
    await until(() => asked().length >= 15 && summary() !== "", "every question and the summary");
    expect(asked().sort((x, y) => x - y)).toEqual(answers.map((_, i) => i + 1));
    // The summary shows each answer in its own field.
    expect(summary()).toContain(`• Họ, chữ đệm và tên người đi khai: ${APPLICANT_A.name}`);
    for (const line of [
      "• Họ, chữ đệm và tên của bé: Nguyễn Minh Khôi",
      "• Ngày, tháng, năm sinh của bé: 05/03/2024",
      "• Họ, chữ đệm và tên người mẹ: Trần Thị Bích",
      "• Năm sinh của mẹ: 1995",
      "• Năm sinh của cha: 1993",
    ])
      expect(summary()).toContain(line);
    const state = await c.stores.conversations.load(`telegram:${chat}`);
    expect(state?.turns).toBe(messages.length);
    expect(state?.pending).toEqual({ kind: "form-confirm" });
  }, 90_000);

  it("delivers a chat's replies in the order of its turns across instances", async () => {
    const chat = 92_002;
    const answers = khaiSinhAnswers(APPLICANT_A);
    const messages = ["làm giấy khai sinh cần gì", "điền tờ khai", "đồng ý", ...answers];
    // Updates alternate between the instances, each sent once the previous one was acknowledged: the
    // replies of consecutive turns are queued on different instances and race for the chat.
    for (const [i, text] of messages.entries())
      expect(await postTelegram(i % 2 === 0 ? c.a.url : c.b.url, textUpdate(chat, text))).toBe(200);
    const texts = () => textsTo(c.telegram, chat);
    const isSummary = (t: string) => t.includes("kiểm tra lại thông tin");
    await until(() => texts().some(isSummary), "the summary");
    const received = texts();
    // In arrival order: the procedure's papers, then the consent question, questions (1/15) … (15/15)
    // one after the other, then the summary.
    const asked = received.flatMap((t) => [...t.matchAll(/\((\d+)\/15\)/g)].map((m) => Number(m[1])));
    expect(asked).toEqual(answers.map((_, i) => i + 1));
    const firstQuestion = received.findIndex((t) => t.includes("(1/15)"));
    expect(received.slice(0, firstQuestion).join("\n")).toMatch(/khai sinh/i);
    expect(received.findIndex(isSummary)).toBeGreaterThan(received.findIndex((t) => t.includes("(15/15)")));
  }, 90_000);
});

async function changeStatus(c: Cluster, code: string): Promise<void> {
  const client = new PortalClient({ baseUrl: c.portalUrl, apiKey: "sandbox", retries: 0 });
  await client.changeStatus(code, { status: 2, note: "Đã tiếp nhận" }, STAFF_TOKEN);
}

/** The callback bodies the sandbox queued for `code` (its SQLite outbox). */
function outboxBodies(c: Cluster, code: string): string[] {
  return sqlite(join(c.portalDataDir, "sandbox-portal.sqlite"), (db) =>
    (
      db.prepare("SELECT body FROM outbox WHERE code = ? ORDER BY id").all(code) as Array<{ body: string }>
    ).map((r) => r.body),
  );
}
