// The staff HTTP API of the real application over a real loopback socket: disabled without a
// token, 401 with a wrong one, and the whole handoff: citizen asks for an officer → ticket without
// personal data → transcript → officer's reply reaches the chat → bot silent → release → bot back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, startApp, type TestApp } from "../helpers/app.js";

const TOKEN = "staff-token-for-tests-0123456789";
const NAME = "Trần Thị Bích";
const CCCD = "001203004567";
const PHONE = "0912345678";

interface Ticket {
  id: string;
  conversationId: string;
  channel: string;
  reason: string;
  procedure: string | null;
  summary: string;
  status: "open" | "closed";
}
interface Line {
  from: "citizen" | "staff" | "bot";
  text: string;
}
type Replies = Array<{ text: string; options?: Array<{ id: string; label: string }> }>;

describe("staff API disabled", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    ["GET", "/api/staff/handoffs"],
    ["GET", "/api/staff/handoffs/abc"],
    ["POST", "/api/staff/handoffs/abc/reply"],
    ["POST", "/api/staff/handoffs/abc/release"],
  ])("answers %s %s with 404 when STAFF_API_TOKEN is not set, whatever the token", async (method, path) => {
    const res = await app.http.request(path, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      ...(method === "POST" ? { body: JSON.stringify({ text: "xin chào" }) } : {}),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/Chưa bật giao diện cán bộ/);
  });
});

describe("staff API", () => {
  let app: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    app = await startApp({ STAFF_API_TOKEN: TOKEN });
    server = await listen(app);
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
  });

  const staff = (path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) =>
    fetch(`${server.url}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: {
        ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? TOKEN}` }),
        "content-type": "application/json",
      },
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
    });
  const say = async (sessionId: string, text: string, optionId?: string): Promise<Replies> => {
    const res = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sessionId, text, ...(optionId ? { optionId } : {}) }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { replies: Replies }).replies;
  };
  const updates = async (sessionId: string): Promise<Replies> => {
    const res = await fetch(`${server.url}/api/chat/updates?sessionId=${sessionId}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { replies: Replies }).replies;
  };
  const openTickets = async (): Promise<Ticket[]> => {
    const res = await staff("/api/staff/handoffs");
    expect(res.status).toBe(200);
    return ((await res.json()) as { tickets: Ticket[] }).tickets;
  };
  const transcript = async (id: string): Promise<Line[]> => {
    const res = await staff(`/api/staff/handoffs/${id}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { transcript: Line[] }).transcript;
  };

  it.each([
    ["no Authorization header", null],
    ["a wrong token", "wrong-token-of-the-same-size-xx"],
    ["the token with a suffix", `${TOKEN}x`],
    ["an empty token", ""],
  ])("answers 401 with %s", async (_, token) => {
    for (const path of ["/api/staff/handoffs", "/api/staff/handoffs/abc"]) {
      const res = await staff(path, { token });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toMatch(/Sai hoặc thiếu mã truy cập/);
    }
    const reply = await staff("/api/staff/handoffs/abc/reply", { token, body: { text: "x" } });
    expect(reply.status).toBe(401);
  });

  it("answers 401 to another authorization scheme", async () => {
    const res = await fetch(`${server.url}/api/staff/handoffs`, {
      headers: { authorization: `Basic ${Buffer.from(`staff:${TOKEN}`).toString("base64")}` },
    });
    expect(res.status).toBe(401);
  });

  it("hands a conversation to an officer and back to the bot", async () => {
    const session = "staff-flow-session-1";
    const conversationId = `web:${session}`;
    // The citizen starts the form and gives personal data, then asks for an officer.
    await say(session, "làm giấy khai sinh cần gì");
    await say(session, "", "form");
    await say(session, "đồng ý");
    await say(session, NAME);
    await say(session, CCCD);
    await say(session, "1");
    await say(session, PHONE);
    const handed = await say(session, "gặp cán bộ");
    expect(handed.map((r) => r.text).join("\n")).toMatch(/chuyển cuộc trò chuyện cho cán bộ/);

    const tickets = await openTickets();
    const ticket = tickets.find((t) => t.conversationId === conversationId);
    expect(ticket).toMatchObject({
      channel: "web",
      reason: "requested",
      procedure: "khai-sinh",
      status: "open",
    });
    if (!ticket) return;
    expect(ticket.summary).toMatch(/Đăng ký khai sinh/);
    for (const secret of [CCCD, PHONE, NAME, "Bích"]) expect(JSON.stringify(ticket)).not.toContain(secret);

    // While the ticket is open the bot says nothing; what the citizen writes goes to the transcript.
    expect(await say(session, "bé nhà tôi sinh ở nhà thì cần giấy gì ạ?")).toEqual([]);
    const lines = await transcript(ticket.id);
    expect(lines.map((l) => [l.from, l.text])).toEqual([
      ["citizen", "gặp cán bộ"],
      ["citizen", "bé nhà tôi sinh ở nhà thì cần giấy gì ạ?"],
    ]);

    // The officer's reply reaches the citizen's chat, once, with the prefix.
    const reply = await staff(`/api/staff/handoffs/${ticket.id}/reply`, {
      body: { text: "Chào chị, sinh ở nhà thì cần văn bản của người làm chứng về việc sinh." },
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ delivered: true });
    expect(await updates(session)).toEqual([
      { text: "[Cán bộ] Chào chị, sinh ở nhà thì cần văn bản của người làm chứng về việc sinh." },
    ]);
    expect(await updates(session)).toEqual([]);
    expect((await transcript(ticket.id)).at(-1)).toMatchObject({
      from: "staff",
      text: "Chào chị, sinh ở nhà thì cần văn bản của người làm chứng về việc sinh.",
    });

    // Still silent, even to questions the bot could answer.
    expect(await say(session, "lệ phí bao nhiêu?")).toEqual([]);
    expect(await say(session, "", "menu")).toEqual([]);
    // (a bare button press carries no text for the officer)
    expect((await transcript(ticket.id)).filter((l) => l.from === "citizen").map((l) => l.text)).toEqual([
      "gặp cán bộ",
      "bé nhà tôi sinh ở nhà thì cần giấy gì ạ?",
      "lệ phí bao nhiêu?",
    ]);

    // Release: the citizen is told, the ticket leaves the list, and the bot answers again.
    const release = await staff(`/api/staff/handoffs/${ticket.id}/release`, { method: "POST" });
    expect(release.status).toBe(200);
    expect(await release.json()).toEqual({ released: true });
    const released = await updates(session);
    expect(released.map((r) => r.text).join("\n")).toMatch(/Cán bộ đã kết thúc hỗ trợ/);
    expect((await openTickets()).some((t) => t.id === ticket.id)).toBe(false);
    const closed = await staff(`/api/staff/handoffs/${ticket.id}`);
    if (closed.status === 200)
      expect(((await closed.json()) as { ticket: Ticket }).ticket.status).toBe("closed");
    else expect(closed.status).toBe(404);

    const fee = (await say(session, "lệ phí bao nhiêu?")).map((r) => r.text).join("\n");
    expect(fee).toMatch(/Về thủ tục «Đăng ký khai sinh»/);
    expect(fee).toMatch(/Lệ phí: Miễn lệ phí khi khai sinh đúng hạn/);
    const state = await app.stores.conversations.load(conversationId);
    expect(state?.handoff).toBeNull();

    // A closed ticket takes no more replies and cannot be released twice.
    const late = await staff(`/api/staff/handoffs/${ticket.id}/reply`, {
      body: { text: "Còn gì nữa không chị?" },
    });
    expect(late.status).toBe(404);
    expect(await updates(session)).toEqual([]);
    const twice = await staff(`/api/staff/handoffs/${ticket.id}/release`, { method: "POST" });
    expect(twice.status).toBe(404);
    expect(await updates(session)).toEqual([]);

    // A second handoff gets a new ticket; releasing the old one again does not wake the bot.
    await say(session, "gặp cán bộ");
    const second = (await openTickets()).find((t) => t.conversationId === conversationId);
    expect(second?.id).toBeTruthy();
    expect(second?.id).not.toBe(ticket.id);
    expect((await staff(`/api/staff/handoffs/${ticket.id}/release`, { method: "POST" })).status).toBe(404);
    expect(await say(session, "lệ phí bao nhiêu?")).toEqual([]);
    expect((await app.stores.conversations.load(conversationId))?.handoff).toEqual({ ticketId: second?.id });
  });

  it("lists only open tickets, each conversation once", async () => {
    await say("staff-list-session-a", "gặp cán bộ");
    await say("staff-list-session-a", "cho tôi gặp cán bộ");
    await say("staff-list-session-b", "tôi muốn gặp cán bộ");
    const mine = (await openTickets()).filter((t) => t.conversationId.startsWith("web:staff-list-session-"));
    expect(mine.map((t) => t.conversationId).sort()).toEqual([
      "web:staff-list-session-a",
      "web:staff-list-session-b",
    ]);
    expect(mine.every((t) => t.status === "open" && t.procedure === null)).toBe(true);
  });

  it.each([
    ["GET", "/api/staff/handoffs/no-such-ticket", undefined],
    ["POST", "/api/staff/handoffs/no-such-ticket/reply", { text: "Chào anh" }],
    ["POST", "/api/staff/handoffs/no-such-ticket/release", undefined],
  ])("answers %s %s for an unknown ticket with 404", async (method, path, body) => {
    const res = await staff(path, { method, body });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/Không tìm thấy yêu cầu gặp cán bộ/);
  });

  describe("reply body validation", () => {
    let ticketId = "";
    beforeAll(async () => {
      await say("staff-validation-session-1", "gặp cán bộ");
      ticketId =
        (await openTickets()).find((t) => t.conversationId === "web:staff-validation-session-1")?.id ?? "";
    });

    it.each([
      ["invalid JSON", '{"text": "Chào', /không đúng định dạng JSON/],
      ["no text", {}, /Thiếu nội dung trả lời/],
      ["a text that is not a string", { text: 12 }, /nội dung trả lời/i],
      ["an empty text", { text: "   " }, /Nội dung trả lời trống/],
      ["a text over 4000 characters", { text: "a".repeat(4001) }, /dài quá 4\.000 ký tự/],
    ])("rejects %s with 400 and sends nothing to the citizen", async (_, body, message) => {
      expect(ticketId).not.toBe("");
      const res = await staff(`/api/staff/handoffs/${ticketId}/reply`, { body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
      expect(await updates("staff-validation-session-1")).toEqual([]);
      expect((await transcript(ticketId)).some((l) => l.from === "staff")).toBe(false);
    });

    it("trims a valid reply before delivering it", async () => {
      const res = await staff(`/api/staff/handoffs/${ticketId}/reply`, {
        body: { text: "  Tôi nghe đây ạ.  " },
      });
      expect(res.status).toBe(200);
      expect(await updates("staff-validation-session-1")).toEqual([{ text: "[Cán bộ] Tôi nghe đây ạ." }]);
    });
  });
});
