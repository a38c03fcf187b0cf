// Resume-code conversations through the real application (createApp on a temp DATA_DIR, SQLite or
// Redis): a web chat half-way through a form moves to Telegram, its dossier and ticket follow.
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTemplates } from "../../src/app/templates.js";
import type { Reply } from "../../src/core/messages.js";
import { signBody } from "../../src/portal/signature.js";
import { chat, type TestApp } from "../helpers/app.js";
import { APPLICANT_A, createdCode, fillAndConfirm, khaiSinhAnswers } from "../portal/sandbox/chat-stack.js";

export const BUSY = loadTemplates().vi["error.busy"] ?? "";
export const joined = (replies: readonly { text: string }[]): string => replies.map((r) => r.text).join("\n");
/** The code in a "…gõ: tiếp tục ABC234…" reply. */
export const codeIn = (replies: readonly { text: string }[]): string =>
  /tiếp tục ([2-9A-Z]{6})/.exec(joined(replies))?.[1] ?? "";
export const newSession = (): string => `resume-${randomUUID()}`;
export const telegramId = (): string => `telegram:${randomInt(1e9, 9e9)}`;
export const zaloId = (): string => `zalo:${randomInt(1e9, 9e9)}`;

/** One message on a Telegram or Zalo conversation, as their channels will hand it to the assistant. */
export function say(app: TestApp, conversationId: string, text: string): Promise<Reply[]> {
  const channel = conversationId.startsWith("zalo:") ? "zalo" : "telegram";
  return app.assistant.handleTurn({ conversationId, channel, text, receivedAt: Date.now() });
}

/** Asks for a code in a web session; returns it. */
export async function webCode(app: TestApp, session: string): Promise<string> {
  const code = codeIn(await chat(app, session, "mã tiếp tục"));
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  return code;
}

/** Sends a signed status callback for `code` to /portal/callback, as the portal does. */
async function statusCallback(app: TestApp, code: string, channel: "web" | "telegram", id: string) {
  const body = JSON.stringify({
    eventId: `evt-${randomUUID()}`,
    dossierCode: code,
    status: 3,
    statusLabel: "Đang xử lý",
    note: null,
    requests: [],
    appointmentDate: null,
    at: new Date().toISOString(),
    contact: { channel, conversationId: id },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await app.http.request("/portal/callback", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-portal-timestamp": String(timestamp),
      "x-portal-signature": signBody(app.portal.callbackSecret ?? "", timestamp, body),
    },
    body,
  });
  expect(res.status).toBe(200);
}

/** Polls a conversation's waiting replies until one contains `part` (deadline for a stuck test only). */
async function waitForUpdate(app: TestApp, id: string, part: string): Promise<string> {
  const seen: Reply[] = [];
  for (let i = 0; i < 300 && !joined(seen).includes(part); i++) {
    seen.push(...(await app.assistant.updates(id)));
    if (!joined(seen).includes(part)) await new Promise((r) => setTimeout(r, 100));
  }
  return joined(seen);
}

/** The main journey: form half-way on the web, dossier already created, continued on Telegram. */
export function journeyScenario(start: () => Promise<TestApp>): void {
  describe("a web conversation continued on Telegram", () => {
    let app: TestApp;
    const session = newSession();
    const web = `web:${session}`;
    const telegram = telegramId();
    let dossier = "";
    let code = "";
    beforeAll(async () => {
      app = await start();
    }, 60_000);
    afterAll(async () => {
      await app.close();
    });

    it("gives a short code on request and leaves the half-filled form as it was", async () => {
      dossier = createdCode(await fillAndConfirm(app, session, APPLICANT_A));
      expect(dossier).not.toBe("");
      await chat(app, session, "điền tờ khai");
      await chat(app, session, APPLICANT_A.name);
      expect(joined(await chat(app, session, APPLICANT_A.idNumber))).toContain("(3/15) Quan hệ với em bé");
      const replies = await chat(app, session, "Mã tiếp tục");
      code = codeIn(replies);
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
      expect(joined(replies)).toContain("30 phút");
      expect(joined(replies)).not.toContain(APPLICANT_A.idNumber);
      const kept = await app.stores.conversations.load(web);
      expect(kept?.form).toMatchObject({ step: 2, values: { requester_name: APPLICANT_A.name } });
      expect(kept?.pending).toEqual({ kind: "form-field" });
    });

    it("continues the form at the same field on Telegram (lower case, no diacritics)", async () => {
      const moved = joined(await say(app, telegram, `tiep tuc ${code.toLowerCase()}`));
      expect(moved).toContain("Đã chuyển cuộc trò chuyện từ trang web sang đây");
      expect(moved).toContain("(3/15) Quan hệ với em bé");
      expect(joined(await say(app, telegram, "1"))).toContain("(4/15)");
      for (const answer of khaiSinhAnswers(APPLICANT_A).slice(3)) await say(app, telegram, answer);
      expect(joined(await say(app, telegram, "đúng rồi"))).toContain("📨 Đã tạo hồ sơ");
      const forms = await app.stores.forms.listFor(telegram);
      expect(forms).toHaveLength(2); // the one confirmed on the web, and this one
      expect(forms[1]?.values).toMatchObject({ requester_name: APPLICANT_A.name, requester_relation: "Cha" });
      expect(await app.stores.forms.listFor(web)).toEqual([]);
    });

    it("moves the dossier link: the new channel owns the dossier and gets its notifications", async () => {
      expect((await app.stores.dossiers.byCode(dossier))?.conversationId).toBe(telegram);
      expect(await app.stores.dossiers.linksFor(web)).toEqual([]);
      const mine = await say(app, telegram, "hồ sơ của tôi");
      expect(joined(mine)).toContain("Anh/chị có 2 hồ sơ tạo từ cuộc trò chuyện này");
      expect(mine.flatMap((r) => r.options ?? []).map((o) => o.label)).toContain(dossier);
      await statusCallback(app, dossier, "web", web);
      const told = await waitForUpdate(app, telegram, dossier);
      expect(told).toContain("🔔");
      expect(told).toContain(dossier);
    });

    it("tells the old web chat that it continues on Telegram, and clears it", async () => {
      const res = await app.http.request(`/api/chat/updates?sessionId=${session}`);
      const { replies } = (await res.json()) as { replies: Reply[] };
      expect(joined(replies)).toContain("đã được chuyển sang Telegram");
      expect(joined(replies)).not.toContain("🔔"); // the notification went to Telegram only
      const old = await app.stores.conversations.load(web);
      expect(old && { topic: old.topic, form: old.form, consent: old.consent }).toEqual({
        topic: null,
        form: null,
        consent: false,
      });
    });

    it("refuses the used code politely, and erasing the old chat leaves the moved data", async () => {
      const again = joined(await say(app, zaloId(), `tiếp tục ${code}`));
      expect(again).toContain("không đúng, đã hết hạn hoặc đã được dùng");
      expect(again).toContain("còn 4 lần thử");
      await chat(app, session, "xóa dữ liệu của tôi");
      expect(joined(await chat(app, session, "có"))).toContain("Đã xóa toàn bộ dữ liệu");
      expect(await app.stores.forms.listFor(telegram)).toHaveLength(2);
      expect((await app.stores.dossiers.byCode(dossier))?.conversationId).toBe(telegram);
    });

    it("never logs the code or what the citizen typed", () => {
      const logs = app.logs.join("\n");
      expect(logs).toContain("resume.moved");
      for (const secret of [code, APPLICANT_A.name, APPLICANT_A.idNumber, APPLICANT_A.phone])
        expect(logs).not.toContain(secret);
    });
  });
}
