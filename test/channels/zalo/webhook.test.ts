// The Zalo webhook end to end: the real app over HTTP, updates posted like Zalo does, replies read from
// the local Zalo Bot API emulation. Options come as numbered text, "1" picks, secrets and duplicates hold.
import { describe, expect, it } from "vitest";
import { chat, startRig, update, until, wrapped } from "./harness.js";

const rig = await startRig();
const NOTICE = "tôi là máy trả lời tự động";

/** Posts a text and waits for the chat to have `count` more messages than before. */
async function say(chatId: string, text: string, count = 1): Promise<string[]> {
  const before = rig.zalo.sent(chatId).length;
  const res = await rig.post(update(chatId, text));
  expect(res).toEqual({ status: 200, json: { ok: true, status: "queued" } });
  await until(() => rig.zalo.sent(chatId).length >= before + count);
  return rig.zalo.sent(chatId).slice(before);
}

describe("zalo webhook", () => {
  it("shows options as numbered text that a bare number picks, with the automated-assistant notice first", async () => {
    const id = chat();
    const [first] = await say(id, "giấy phép");
    expect(first?.startsWith("Lưu ý:")).toBe(true);
    expect(first).toContain(NOTICE);
    expect(first).toMatch(/\n1\. Cấp giấy phép xây dựng nhà ở riêng lẻ\n2\. /);
    const [picked] = await say(id, "1");
    expect(picked).toContain("xây dựng");
    expect(picked).not.toContain(NOTICE); // told once per conversation
    // No buttons on Zalo: every sendMessage carries only the chat and the text.
    const sends = rig.zalo.calls.filter((c) => c.method === "sendMessage" && c.body.chat_id === id);
    expect(sends.every((c) => Object.keys(c.body).sort().join() === "chat_id,text")).toBe(true);
    expect(rig.zalo.calls.some((c) => c.method === "sendChatAction" && c.body.chat_id === id)).toBe(true);
  });

  it("does not repeat the notice when the greeting already says it", async () => {
    const id = chat();
    const [greeting] = await say(id, "xin chào");
    expect(greeting?.split(NOTICE).length).toBe(2); // exactly once
    expect(greeting).toContain("1. Hỏi giấy tờ cần chuẩn bị");
    const [next] = await say(id, "1");
    expect(next).toContain("Anh/chị cần hỏi thủ tục nào?");
    expect(next).not.toContain(NOTICE);
  });

  it("refuses a wrong or missing secret with 401 and sends nothing", async () => {
    const id = chat();
    const u = update(id, "làm giấy khai sinh", { messageId: `bad-${id}` });
    for (const secret of ["not-the-secret", null, ""]) {
      const res = await rig.post(u, secret);
      expect(res.status).toBe(401);
      expect(String(res.json.error)).toContain("Khóa bí mật");
    }
    expect(await rig.app.stores.seen.has(`zalo:msg:bad-${id}`)).toBe(false);
    await say(chat(), "xin chào"); // the queue is running: another chat got its answer
    expect(rig.zalo.calls.filter((c) => c.body.chat_id === id)).toEqual([]);
  });

  it("answers an update delivered several times once", async () => {
    const id = chat();
    const u = update(id, "đăng ký tạm trú");
    const results = await Promise.all([rig.post(u), rig.post(u), rig.post(wrapped(u))]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.map((r) => r.json.status).sort()).toEqual(["duplicate", "duplicate", "queued"]);
    await until(() => rig.zalo.sent(id).length >= 1);
    const first = rig.zalo.sent(id)[0];
    await say(id, "lệ phí bao nhiêu"); // a later turn of the same chat is answered after it
    await until(() => rig.zalo.sent(id).some((t) => t.includes("Lệ phí")));
    expect(rig.zalo.sent(id).filter((t) => t === first)).toHaveLength(1);
    expect(rig.zalo.sent(id).filter((t) => t.includes(NOTICE))).toHaveLength(1);
  });

  it("reads the documented wrapped shape and the bare shape, with numeric ids", async () => {
    const a = chat();
    const b = 987654321;
    expect((await rig.post(wrapped(update(a, "cấp hộ chiếu")))).json.status).toBe("queued");
    const bare = update(String(b), "cấp hộ chiếu", {
      message: { message_id: 5551234, chat: { id: b }, from: { id: b } },
    });
    expect((await rig.post(bare)).json.status).toBe("queued");
    await until(() => rig.zalo.sent(a).length > 0 && rig.zalo.sent(String(b)).length > 0);
    expect(rig.zalo.sent(a)[0]).toContain("hộ chiếu");
    expect(rig.zalo.sent(String(b))[0]).toContain("hộ chiếu");
  });

  it("answers stickers, voice and unsupported content politely instead of ignoring them", async () => {
    const id = chat();
    const res = await rig.post(
      update(id, "", { event: "message.sticker.received", message: { sticker: "abc", url: "https://x/s" } }),
    );
    expect(res.json.status).toBe("queued");
    await until(() => rig.zalo.sent(id).length > 0);
    expect(rig.zalo.sent(id)[0]).toContain("Xin lỗi");
  });

  it("ignores other bots and non-message events, and rejects malformed bodies with a polite 400", async () => {
    const id = chat();
    const bot = update(id, "xin chào", { message: { from: { id, is_bot: true } } });
    expect((await rig.post(bot)).json).toEqual({ ok: true, status: "ignored" });
    expect((await rig.post({ event_name: "user.follow" })).json.status).toBe("ignored");
    for (const body of ["{not json", { hello: "world" }, { event_name: "message.text.received" }, []]) {
      const res = await rig.post(body);
      expect(res.status).toBe(400);
      expect(String(res.json.error)).toContain("không phải một cập nhật Zalo hợp lệ");
    }
    await say(chat(), "xin chào");
    expect(rig.zalo.calls.filter((c) => c.body.chat_id === id)).toEqual([]);
  });

  it("keeps the token, texts and names out of the logs", async () => {
    await say(chat(), "số điện thoại của tôi là 0912345678");
    const logs = rig.app.logs.join("\n");
    expect(logs).not.toContain(rig.zalo.token);
    expect(logs).not.toContain("0912345678");
    expect(logs).not.toContain("Nguyễn Văn Test");
  });
});
