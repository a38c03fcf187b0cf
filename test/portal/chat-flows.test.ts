// The chat flows of the portal integration end to end, with the sandbox portal as a separate process
// over HTTP: a confirmed form becomes a dossier (code, appointment, papers, finish and receipt links),
// "hồ sơ của tôi", status answers for the owner's chat and (with the owner's ID, never echoed) for
// anyone else, staff status changes reaching the citizen exactly once through the signed callbacks,
// duplicated and forged callbacks, and an overdue dossier.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOSSIER_CODE_PATTERN } from "../../src/portal/contract.js";
import {
  APPLICANT_A,
  CALLBACK_SECRET,
  STAFF_TOKEN,
  createdCode,
  eventually,
  fillAndConfirm,
  joined,
  postCallback,
  say,
  sqlite,
  startChatStack,
  updates,
  waitForUpdates,
  type ChatStack,
  type Reply,
} from "./sandbox/chat-stack.js";

const BELL = "🔔";
const bells = (replies: readonly Reply[]): Reply[] => replies.filter((r) => r.text.includes(BELL));
const WRONG_ID = "001203009999";

/** The callbacks the sandbox queued for `code`, oldest first (its SQLite outbox). */
function outbox(
  stack: ChatStack,
  code: string,
): Array<{ eventId: string; body: string; delivered: boolean }> {
  return sqlite(join(stack.portalDataDir, "sandbox-portal.sqlite"), (db) =>
    (
      db
        .prepare("SELECT event_id, body, delivered_at FROM outbox WHERE code = ? ORDER BY id")
        .all(code) as Array<{ event_id: string; body: string; delivered_at: string | null }>
    ).map((r) => ({ eventId: r.event_id, body: r.body, delivered: r.delivered_at !== null })),
  );
}

/** portal-status jobs of motcua's queue not finished yet. */
function pendingStatusJobs(stack: ChatStack): number {
  return sqlite(join(stack.app.dataDir, "jobs.sqlite"), (db) => {
    const row = db
      .prepare(
        "SELECT COUNT(*) AS n FROM jobs WHERE name = 'portal-status' AND state IN ('waiting', 'running')",
      )
      .get() as { n: number };
    return row.n;
  });
}

/** Waits until every callback about `code` was delivered and handled, then a little longer. */
async function settle(stack: ChatStack, code: string): Promise<void> {
  await eventually(() => outbox(stack, code).every((e) => e.delivered), "callbacks delivered");
  await eventually(() => pendingStatusJobs(stack) === 0, "status jobs done");
  // Several poll rounds of the job queue (200 ms), so a stray second job would have run by now.
  await new Promise((r) => setTimeout(r, 1_500));
}

describe("chat ↔ sandbox portal (separate process)", () => {
  let stack: ChatStack;
  const owner = `owner-${randomUUID()}`;
  const other = `other-${randomUUID()}`;
  let confirmation: Reply[];
  let code: string;
  const otherReplies: Reply[] = [];

  beforeAll(async () => {
    stack = await startChatStack();
    confirmation = await fillAndConfirm(stack.app, owner, APPLICANT_A);
    code = createdCode(confirmation);
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("answers the confirmation with the dossier code, appointment, papers, finish and receipt links", async () => {
    expect(code).toMatch(DOSSIER_CODE_PATTERN);
    const text = joined(confirmation);
    expect(text).toContain(`📨 Đã tạo hồ sơ trên cổng dịch vụ công: mã hồ sơ ${code} —`);
    expect(text).toMatch(/📅 Ngày hẹn trả kết quả \(dự kiến\): \d{2}\/\d{2}\/\d{4}\./);
    expect(text).toMatch(/📎 Giấy tờ cần mang theo hoặc tải lên: .+\./);
    expect(text).toContain("VNeID");
    const links = confirmation.flatMap((r) => r.links ?? []);
    const finish = links.find((l) => l.label.startsWith("Hoàn tất trên cổng"));
    expect(finish?.url.startsWith(`${stack.portalUrl}/`)).toBe(true);
    const finishPage = await fetch(finish?.url ?? "");
    expect(finishPage.status).toBe(200);
    await finishPage.body?.cancel();
    for (const label of ["Biên nhận (PDF)", "Biên nhận (ảnh PNG)"]) {
      const url = links.find((l) => l.label === label)?.url ?? "";
      expect(url).toMatch(new RegExp(`^/files/receipts/${code.replace(/\./g, "\\.")}\\.(pdf|png)\\?`));
      // The receipt is built from the dossier looked up over HTTP on the sandbox.
      const res = await stack.app.http.request(url);
      expect(res.status, label).toBe(200);
    }
    expect(stack.dossierCount()).toBe(1);
  });

  it("lists the dossier for “hồ sơ của tôi”", async () => {
    const replies = await say(stack.app, owner, "hồ sơ của tôi");
    expect(joined(replies)).toContain("Anh/chị có 1 hồ sơ");
    const options = replies.flatMap((r) => r.options ?? []);
    expect(options).toContainEqual({ id: `status:${code}`, label: code });
  });

  it("answers the owner's chat without asking for an ID number", async () => {
    const text = joined(await say(stack.app, owner, `hồ sơ ${code} đến đâu rồi?`));
    expect(text).toContain(`Hồ sơ ${code}:`);
    expect(text).toMatch(/Ngày hẹn trả kết quả: \d{2}\/\d{2}\/\d{4}\./);
    expect(text).not.toContain("số căn cước");
    expect(text).not.toContain("quá hạn");
  });

  it("asks another chat for the owner's ID number, refuses a wrong one and never echoes it", async () => {
    const ask = async (text: string): Promise<string> => {
      const replies = await say(stack.app, other, text);
      otherReplies.push(...replies);
      return joined(replies);
    };
    expect(await ask(`hồ sơ ${code} đến đâu rồi?`)).toContain(
      `gửi số căn cước của người đứng tên hồ sơ ${code}`,
    );
    const refused = await ask(WRONG_ID);
    expect(refused).toMatch(/không tìm thấy/i);
    expect(refused).not.toContain(`Hồ sơ ${code}:`);
    expect(await ask(`hồ sơ ${code} đến đâu rồi?`)).toContain("số căn cước");
    const answered = await ask(APPLICANT_A.idNumber);
    expect(answered).toContain(`Hồ sơ ${code}:`);
    expect(answered).toMatch(/Ngày hẹn trả kết quả/);
    // "hồ sơ của tôi" is about this chat only: the other chat created nothing.
    expect(await ask("hồ sơ của tôi")).not.toContain(code);

    const everything = joined(otherReplies) + JSON.stringify(otherReplies);
    for (const id of [APPLICANT_A.idNumber, WRONG_ID]) {
      expect(everything).not.toContain(id);
      expect(stack.app.logs.join("\n")).not.toContain(id);
    }
  });

  it("tells the owner about each staff status change exactly once (1 → 2 → 5)", async () => {
    const accepted = await stack.client.changeStatus(code, { status: 2, note: "Đã tiếp nhận" }, STAFF_TOKEN);
    expect(accepted.status).toBe(2);
    const first = await waitForUpdates(stack.app, owner, (all) => bells(all).length >= 1);
    expect(bells(first)).toHaveLength(1);
    expect(bells(first)[0]?.text).toContain(`Hồ sơ ${code}:`);

    const request = "Bản sao giấy chứng nhận kết hôn của cha mẹ (có chứng thực)";
    const more = await stack.client.changeStatus(code, { status: 5, requests: [request] }, STAFF_TOKEN);
    expect(more.status).toBe(5);
    const second = await waitForUpdates(stack.app, owner, (all) => bells(all).length >= 1);
    expect(bells(second)).toHaveLength(1);
    expect(bells(second)[0]?.text).toContain(`Cần bổ sung: ${request}`);

    await settle(stack, code);
    expect(outbox(stack, code)).toHaveLength(2);
    expect(await updates(stack.app, owner)).toEqual([]);
    // Only the chat that created the dossier is notified.
    expect(bells(await updates(stack.app, other))).toEqual([]);
  });

  it("ignores a duplicated callback (same signed body posted again)", async () => {
    const events = outbox(stack, code);
    const last = events.at(-1);
    expect(last?.delivered).toBe(true);
    expect(await postCallback(stack.url, last?.body ?? "")).toBe(200);
    expect(await postCallback(stack.url, events[0]?.body ?? "")).toBe(200);
    await settle(stack, code);
    expect(await updates(stack.app, owner)).toEqual([]);
  });

  it("refuses a callback with a bad signature (401) and tells nobody", async () => {
    const forged = JSON.stringify({
      ...(JSON.parse(outbox(stack, code).at(-1)?.body ?? "{}") as Record<string, unknown>),
      eventId: `forged-${randomUUID()}`,
      status: 9,
      statusLabel: "Đã xử lý xong",
      requests: [],
    });
    expect(await postCallback(stack.url, forged, `${CALLBACK_SECRET}-wrong`)).toBe(401);
    const unsigned = await fetch(`${stack.url}/portal/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: forged,
    });
    expect(unsigned.status).toBe(401);
    await unsigned.body?.cancel();
    await settle(stack, code);
    expect(await updates(stack.app, owner)).toEqual([]);
    // The dossier is still waiting for papers.
    expect(joined(await say(stack.app, owner, `hồ sơ ${code} đến đâu rồi?`))).toContain("Cần bổ sung");
  });
});

describe("an overdue dossier", () => {
  let stack: ChatStack;
  const DAY_MS = 86_400_000;

  beforeAll(async () => {
    // The sandbox's business clock starts 60 days ago, so the appointment date is well behind today.
    const start = new Date(Date.now() - 60 * DAY_MS).toISOString();
    stack = await startChatStack({ sandboxEnv: { PORTAL_CLOCK_START: start } });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("says “quá hạn N ngày” with whom to contact", async () => {
    const session = `late-${randomUUID()}`;
    const code = createdCode(await fillAndConfirm(stack.app, session, APPLICANT_A));
    expect(code).toMatch(DOSSIER_CODE_PATTERN);
    const text = joined(await say(stack.app, session, `hồ sơ ${code} đến đâu rồi?`));
    const [, d, m, y] = /Ngày hẹn trả kết quả: (\d{2})\/(\d{2})\/(\d{4})\./.exec(text) ?? [];
    expect(y).toBeDefined();
    const todayVn = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const late = Math.round((Date.parse(todayVn) - Date.parse(`${y}-${m}-${d}`)) / DAY_MS);
    expect(late).toBeGreaterThan(30);
    expect(text).toContain(`quá hạn ${late} ngày`);
    expect(text).toMatch(/liên hệ bộ phận một cửa|gặp cán bộ/);
  });
});
