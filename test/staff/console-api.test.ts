// The console's data through the real app (app.request, signed in with a session): the queue view
// without conversation ids, reply and release reaching the citizen, unanswered questions grouped by
// procedure, top procedures of the week, and the CSV export (BOM, quoting, formula defusing).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_HEADER } from "../../src/http/staff-csv.js";
import { chat, startApp, type TestApp } from "../helpers/app.js";
import { signIn, staffAccounts, USERS, type Signed } from "./console-helpers.js";
import { parseCsv } from "./csv-parse.js";

const DAY = 86_400_000;

interface QueueTicket {
  id: string;
  shortId: string;
  channel: string;
  procedure: string | null;
  procedureName: string | null;
  waitingSince: number;
  summary: string;
}

describe("staff console data", () => {
  let app: TestApp;
  let staff: Signed;
  let clock = Date.now();
  beforeAll(async () => {
    app = await startApp({ STAFF_ACCOUNTS: await staffAccounts() }, { now: () => clock });
    staff = await signIn(app.http, { username: "lan", password: USERS.lan });
  });
  afterAll(async () => {
    await app.close();
  });

  const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await res).json() as Promise<T>;
  const updates = async (session: string) =>
    json<{ replies: { text: string }[] }>(app.http.request(`/api/chat/updates?sessionId=${session}`));

  it("shows the queue without conversation ids, then replies and releases through the session", async () => {
    const session = "console-api-citizen-1";
    await chat(app, session, "làm giấy khai sinh cần gì");
    await chat(app, session, "gặp cán bộ");
    await chat(app, session, "cho tôi hỏi bé sinh ở nhà thì sao");
    const { tickets } = await json<{ tickets: QueueTicket[] }>(staff.call("/api/staff/queue"));
    const ticket = tickets.find((t) => t.procedure === "khai-sinh");
    expect(ticket).toMatchObject({ channel: "web", procedureName: "Đăng ký khai sinh", waitingSince: clock });
    expect(ticket?.shortId).toMatch(/^[0-9A-F]{8}$/);
    expect(JSON.stringify(tickets)).not.toContain(session);
    expect(Object.keys(ticket ?? {})).not.toContain("conversationId");
    if (!ticket) return;
    const one = await json<{ ticket: QueueTicket; transcript: { from: string; text: string }[] }>(
      staff.call(`/api/staff/queue/${ticket.id}`),
    );
    expect(JSON.stringify(one)).not.toContain(session);
    expect(one.transcript.map((l) => l.text)).toEqual(["gặp cán bộ", "cho tôi hỏi bé sinh ở nhà thì sao"]);

    const reply = await staff.call(`/api/staff/handoffs/${ticket.id}/reply`, {
      body: { text: "Chào chị, tôi xem ngay." },
    });
    expect(reply.status).toBe(200);
    expect((await updates(session)).replies).toEqual([{ text: "[Cán bộ] Chào chị, tôi xem ngay." }]);
    expect((await staff.call(`/api/staff/handoffs/${ticket.id}/release`, { method: "POST" })).status).toBe(
      200,
    );
    expect((await updates(session)).replies[0]?.text).toMatch(/Cán bộ đã kết thúc hỗ trợ/);
    const after = await json<{ tickets: QueueTicket[] }>(staff.call("/api/staff/queue"));
    expect(after.tickets.some((t) => t.id === ticket.id)).toBe(false);
    expect((await staff.call("/api/staff/queue/no-such-ticket")).status).toBe(404);
  });

  it("groups unanswered questions by procedure, newest group first, with counts", async () => {
    await chat(app, "console-api-unanswered-1", "con mèo nhà tôi bị ốm");
    clock += 1000;
    await chat(app, "console-api-unanswered-2", "làm giấy khai sinh cần gì");
    await chat(app, "console-api-unanswered-2", "con mèo nhà tôi bị ốm thì sao");
    clock += 1000;
    await chat(app, "console-api-unanswered-3", "chứng thực");
    const body = await json<{
      total: number;
      groups: { procedure: string | null; name: string; count: number; questions: { question: string }[] }[];
    }>(staff.call("/api/staff/stats/unanswered"));
    expect(body.groups.map((g) => g.procedure)).toEqual(["chung-thuc-chu-ky", "khai-sinh", null]);
    expect(body.groups.map((g) => g.name)).toEqual([
      expect.stringMatching(/Chứng thực/),
      "Đăng ký khai sinh",
      "Chưa xác định thủ tục",
    ]);
    expect(body.groups[2]?.questions.map((q) => q.question)).toContain("con mèo nhà tôi bị ốm");
    expect(body.total).toBe(body.groups.reduce((n, g) => n + g.count, 0));
  });

  it("counts the procedures asked in the last 7 days, most asked first", async () => {
    clock -= 10 * DAY; // an old question: outside the week
    await chat(app, "console-api-top-old", "đăng ký xe máy cần gì");
    await chat(app, "console-api-top-old-2", "đăng ký xe máy cần gì");
    await chat(app, "console-api-top-old-3", "đăng ký xe máy cần gì");
    clock += 10 * DAY;
    for (const s of ["a", "b", "c"]) await chat(app, `console-api-top-${s}`, "làm hộ chiếu cần gì");
    const body = await json<{ days: number; procedures: { procedure: string; count: number }[] }>(
      staff.call("/api/staff/stats/top?days=7"),
    );
    expect(body.days).toBe(7);
    const count = (slug: string) => body.procedures.find((p) => p.procedure === slug)?.count ?? 0;
    expect(count("ho-chieu")).toBe(3);
    expect(count("dang-ky-xe")).toBe(0);
    const counts = body.procedures.map((p) => p.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const month = await json<{ procedures: { procedure: string; count: number }[] }>(
      staff.call("/api/staff/stats/top?days=30"),
    );
    expect(month.procedures.find((p) => p.procedure === "dang-ky-xe")?.count).toBe(3);
  });

  it.each(["0", "91", "abc", "7.5"])("answers days=%s with a polite 400", async (days) => {
    for (const path of ["top", "unanswered", "export.csv"]) {
      const res = await staff.call(`/api/staff/stats/${path}?days=${days}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/từ 1 đến 90/);
    }
  });

  it("exports CSV with a BOM, a header row, quoting and formula defusing", async () => {
    const tricky = [
      '=HYPERLINK("http://x.vn","bấm")',
      "+84 làm hộ chiếu",
      "-1 giấy khai sinh",
      "@SUM(A1) đăng ký",
      'thủ tục "A", hay\nthủ tục B?',
    ];
    for (const [i, text] of tricky.entries()) await chat(app, `console-api-csv-${i}`, text);
    const res = await staff.call("/api/staff/stats/export.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="cau-hoi-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows.slice(1).every((r) => r.length === CSV_HEADER.length)).toBe(true);
    const questions = rows.slice(1).map((r) => r[7]);
    expect(questions).toContain(`'${tricky[0]}`);
    expect(questions).toContain(`'${tricky[1]}`);
    expect(questions).toContain(`'${tricky[2]}`);
    expect(questions).toContain(`'${tricky[3]}`);
    expect(questions).toContain(tricky[4]);
    expect(text).toContain('"thủ tục ""A"", hay\nthủ tục B?"');
    const cells = rows.slice(1).flat();
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    expect(text).not.toContain("console-api-");
  });
});
