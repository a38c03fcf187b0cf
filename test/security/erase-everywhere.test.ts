// "xóa dữ liệu của tôi" honoured in every store, on SQLite and on Redis: a conversation fills its
// state, a confirmed form and its dossier link, a ticket with transcript, waiting replies, an
// attachment, question-log rows, a resume code and its wrong-code count, seen markers, push-chat
// mailboxes; the chat erases it and nothing of it remains (only a blank state holding nothing said).
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { automatedNoticeKey, rateNoticeKey } from "../../src/core/messages.js";
import { startApp, type TestApp } from "../helpers/app.js";
import {
  REDIS_TEST_URL,
  dropRedisKeys,
  rawRedis,
  redisReachable,
  warnRedisSkipped,
} from "../helpers/stores.js";
import {
  createdCode,
  fillAndConfirm,
  joined,
  say,
  type FakeApplicant,
} from "../portal/sandbox/chat-stack.js";

const CITIZEN: FakeApplicant = { name: "Phạm Quốc Bảo", idNumber: "036095001122", phone: "0978123456" };
const STAFF_TOKEN = "staff-token-erase-0123456789";
const ATTACHMENTS_KEY = "a".repeat(64);
const reachable = await redisReachable();
if (!reachable) warnRedisSkipped();

/** Fills every store for `session`; returns the ids needed to look for leftovers. */
async function fillEverything(app: TestApp, session: string) {
  const conv = `web:${session}`;
  const code = createdCode(await fillAndConfirm(app, session, CITIZEN));
  expect(code).not.toBe("");
  const [form] = await app.stores.forms.listFor(conv);
  await say(app, session, "gặp cán bộ");
  await say(app, session, `tôi là ${CITIZEN.name}, số ${CITIZEN.phone}`);
  const ticket = await app.stores.handoffs.openFor(conv);
  await app.http.request(`/api/staff/handoffs/${ticket?.id}/reply`, {
    method: "POST",
    headers: { authorization: `Bearer ${STAFF_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ text: "Cán bộ đã nhận, sẽ gọi lại." }),
  });
  await app.http.request(`/api/staff/handoffs/${ticket?.id}/release`, {
    method: "POST",
    headers: { authorization: `Bearer ${STAFF_TOKEN}` },
  });
  const issued = joined(await say(app, session, "mã tiếp tục"));
  const resume = /\b([A-Z2-9]{3}\s?[A-Z2-9]{3})\b/.exec(issued)?.[1]?.replace(/\s/g, "") ?? "";
  await app.stores.resumeCodes.recordFailure(conv, 3600);
  await app.stores.attachments.put({
    id: randomUUID(),
    conversationId: conv,
    mime: "image/jpeg",
    createdAt: Date.now(),
    size: 4,
    sealed: new Uint8Array([1, 2, 3, 4]),
  });
  await app.stores.seen.firstTime(automatedNoticeKey(conv), 3600);
  await app.stores.seen.firstTime(rateNoticeKey(conv), 60);
  await app.stores.outbox.push(conv, [{ text: "thông báo đang chờ" }]);
  await app.stores.mailbox.append("in", conv, `lượt chờ của ${CITIZEN.name}`);
  await app.stores.mailbox.append("out", conv, JSON.stringify([{ text: `gửi ${CITIZEN.phone}` }]));
  // Everything is really there before the erase.
  expect(form).toBeDefined();
  expect(ticket).not.toBeNull();
  expect(resume).toMatch(/^[A-Z2-9]{6}$/);
  expect(await app.stores.dossiers.linksFor(conv)).toHaveLength(1);
  expect(await app.stores.handoffs.transcript(ticket!.id)).not.toEqual([]);
  expect(await app.stores.attachments.listFor(conv)).toHaveLength(1);
  expect(await app.stores.resumeCodes.failures(conv)).toBe(1);
  return { conv, code, formId: form!.id, ticketId: ticket!.id, resume };
}

async function eraseAndCheck(app: TestApp, session: string) {
  const ids = await fillEverything(app, session);
  const questionsBefore = (await app.stores.questions.since(0, 10_000)).length;
  expect(questionsBefore).toBeGreaterThan(0);
  expect(joined(await say(app, session, "xóa dữ liệu của tôi"))).toContain("có chắc muốn xóa");
  expect(joined(await say(app, session, "có"))).toContain("Đã xóa toàn bộ dữ liệu");
  const s = app.stores;
  const state = await s.conversations.load(ids.conv);
  expect(state?.form ?? null).toBeNull();
  expect(state?.topic ?? null).toBeNull();
  expect(JSON.stringify(state)).not.toMatch(
    new RegExp(`${CITIZEN.idNumber}|${CITIZEN.phone}|${CITIZEN.name}`),
  );
  expect(await s.forms.listFor(ids.conv)).toEqual([]);
  expect(await s.forms.get(ids.formId)).toBeNull();
  expect(await s.dossiers.linksFor(ids.conv)).toEqual([]);
  expect(await s.dossiers.byCode(ids.code)).toBeNull();
  expect(await s.handoffs.get(ids.ticketId)).toBeNull();
  expect(await s.handoffs.transcript(ids.ticketId)).toEqual([]);
  expect(await s.outbox.drain(ids.conv)).toEqual([]);
  expect(await s.mailbox.head("in", ids.conv)).toBeNull();
  expect(await s.mailbox.head("out", ids.conv)).toBeNull();
  expect(await s.attachments.listFor(ids.conv)).toEqual([]);
  expect(await s.resumeCodes.failures(ids.conv)).toBe(0);
  expect(await s.resumeCodes.take(ids.resume)).toBeNull();
  expect(await s.seen.has(automatedNoticeKey(ids.conv))).toBe(false);
  expect(await s.seen.has(rateNoticeKey(ids.conv))).toBe(false);
  // This was the only conversation with questions: the log holds none of it any more.
  expect(await s.questions.since(0, 10_000)).toEqual([]);
  return ids;
}

describe("erase on SQLite", () => {
  let app: TestApp;
  afterAll(async () => {
    await app?.close();
  });

  it("leaves nothing of the conversation in any table", async () => {
    app = await startApp({ STAFF_API_TOKEN: STAFF_TOKEN, ATTACHMENTS_KEY });
    const ids = await eraseAndCheck(app, `erase-sqlite-${randomUUID().slice(0, 8)}`);
    const db = new Database(`${app.dataDir}/motcua.sqlite`, { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[];
      for (const { name } of tables) {
        const rows = db.prepare(`SELECT * FROM "${name}"`).all();
        const text = JSON.stringify(rows);
        if (name !== "conversations") expect(text, name).not.toContain(ids.conv);
        expect(text, name).not.toContain(CITIZEN.idNumber);
        expect(text, name).not.toContain(CITIZEN.phone);
      }
    } finally {
      db.close();
    }
  }, 120_000);
});

describe.skipIf(!reachable)("erase on Redis", () => {
  const prefix = `motcua-test:${randomUUID()}:`;
  const raw = rawRedis();
  let app: TestApp;
  afterAll(async () => {
    await app?.close();
    await dropRedisKeys(prefix);
  });

  it("leaves no key of the conversation but its blank state", async () => {
    app = await startApp({
      STAFF_API_TOKEN: STAFF_TOKEN,
      ATTACHMENTS_KEY,
      REDIS_URL: REDIS_TEST_URL,
      REDIS_KEY_PREFIX: prefix,
    });
    const ids = await eraseAndCheck(app, `erase-redis-${randomUUID().slice(0, 8)}`);
    const left = (await raw.keys(`${prefix}*`)).filter(
      (k) =>
        k.includes(ids.conv) || k.includes(ids.code) || k.includes(ids.ticketId) || k.includes(ids.formId),
    );
    expect(left.filter((k) => !k.endsWith(":state") && !k.endsWith(":lock"))).toEqual([]);
  }, 120_000);
});
