// Telegram conversations through the real app and the Bot API emulation: commands, erasing, photos,
// an officer's reply after "gặp cán bộ", a status notification, long texts split, updates not for us.
import { describe, expect, it } from "vitest";
import { statusChangePlans } from "../../../src/core/dialogue/index.js";
import { callbackUpdate, lastKeyboard, photoUpdate, textUpdate, textsTo, until } from "./updates.js";
import { postTelegramUpdate, telegramWebhookApp } from "./webhook-app.js";

const SECRET = "flows_Secret-7";
const STAFF_TOKEN = "staff-token-0123456789";
const tg = telegramWebhookApp(SECRET, { STAFF_API_TOKEN: STAFF_TOKEN });

async function post(update: unknown): Promise<void> {
  const res = await postTelegramUpdate(tg.app, update, SECRET);
  expect(res.status).toBe(200);
}

/** Sends a message and waits for `n` more messages in the chat; returns the new ones. */
async function say(chatId: number, update: unknown, n = 1): Promise<string[]> {
  const before = textsTo(tg.emu, chatId).length;
  await post(update);
  await until(() => textsTo(tg.emu, chatId).length >= before + n);
  return textsTo(tg.emu, chatId).slice(before);
}

describe("Telegram commands", () => {
  it("/help explains how to ask; /xoadulieu asks first, then erases everything", async () => {
    expect((await say(201, textUpdate(201, "/help@motcua_test_bot")))[0]).toContain("Anh/chị cứ hỏi");
    await say(201, textUpdate(201, "lam giay khai sinh can j"));
    await until(
      () =>
        lastKeyboard(tg.emu, 201)
          ?.flat()
          .some((b) => b["callback_data"] === "checklist") ?? false,
    );
    expect(await tg.app.stores.conversations.load("telegram:201")).not.toBeNull();
    const confirm = await say(201, textUpdate(201, "/xoadulieu"));
    expect(confirm[0]).toContain("Anh/chị có chắc muốn xóa");
    const yes = callbackUpdate(201, "yes", { inline_keyboard: lastKeyboard(tg.emu, 201) });
    expect((await say(201, yes))[0]).toContain("Đã xóa toàn bộ dữ liệu");
    const kept = await tg.app.stores.conversations.load("telegram:201");
    expect(kept?.topic ?? null).toBeNull();
  });
});

describe("Telegram photos", () => {
  it("downloads the largest size of a photo when its turn runs, and answers", async () => {
    const fileId = tg.emu.addFile(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]), "photos/cccd.jpg");
    const replies = await say(202, photoUpdate(202, fileId, 8, "giấy tờ của tôi"));
    expect(tg.emu.callsOf("getFile").map((c) => c.payload["file_id"])).toContain(fileId);
    expect(tg.emu.downloads).toContain("photos/cccd.jpg");
    expect(replies[0]?.length).toBeGreaterThan(0);
  });

  it("does not download a photo over the size limit, and still answers", async () => {
    const fileId = tg.emu.addFile(new Uint8Array([1]), "photos/huge.jpg");
    const replies = await say(203, photoUpdate(203, fileId, 11 * 1024 * 1024));
    expect(tg.emu.downloads).not.toContain("photos/huge.jpg");
    expect(replies[0]?.length).toBeGreaterThan(0);
  });
});

describe("messages outside a turn", () => {
  it("delivers an officer's reply (staff API) to the Telegram chat after “gặp cán bộ”", async () => {
    expect((await say(204, textUpdate(204, "gặp cán bộ")))[0]).toContain("chuyển cuộc trò chuyện cho cán bộ");
    const ticket = await tg.app.stores.handoffs.openFor("telegram:204");
    expect(ticket?.channel).toBe("telegram");
    const before = textsTo(tg.emu, 204).length;
    const res = await tg.app.http.request(`/api/staff/handoffs/${ticket?.id ?? ""}/reply`, {
      method: "POST",
      headers: { authorization: `Bearer ${STAFF_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "Chào chị, hồ sơ khai sinh cần tờ khai và giấy chứng sinh." }),
    });
    expect(res.status).toBe(200);
    await until(() => textsTo(tg.emu, 204).length > before);
    expect(textsTo(tg.emu, 204).at(-1)).toBe(
      "[Cán bộ] Chào chị, hồ sơ khai sinh cần tờ khai và giấy chứng sinh.",
    );
    expect(await tg.app.stores.outbox.drain("telegram:204")).toEqual([]);
  });

  it("splits an officer's very long reply into messages of at most 4,096 characters", async () => {
    await say(205, textUpdate(205, "gặp cán bộ"));
    const ticket = await tg.app.stores.handoffs.openFor("telegram:205");
    const sentence = "Anh/chị mang theo bản chính giấy chứng sinh và căn cước của cha mẹ. ";
    const long = sentence.repeat(90).trim(); // ≈ 6,200 characters
    const before = textsTo(tg.emu, 205).length;
    expect(await tg.app.assistant.staffReply(ticket?.id ?? "", long)).toBe(true);
    await until(() => textsTo(tg.emu, 205).length >= before + 2);
    const pieces = textsTo(tg.emu, 205).slice(before);
    expect(pieces).toHaveLength(2);
    expect(pieces.every((p) => p.length <= 4096)).toBe(true);
    expect(pieces.join(" ").replace(/\s+/g, " ")).toBe(`[Cán bộ] ${long}`.replace(/\s+/g, " "));
  });

  it("pushes a dossier status notification to the chat", async () => {
    await say(206, textUpdate(206, "xin chào"));
    const plans = statusChangePlans(
      {
        kind: "found",
        code: "H29.31-250301-0007",
        statusCode: 4,
        statusLabel: "Đang giải quyết",
        procedure: "khai-sinh",
        appointment: null,
        requests: [],
      },
      Date.now(),
    );
    const before = textsTo(tg.emu, 206).length;
    expect(await tg.app.assistant.deliver("telegram:206", plans)).toBe(true);
    await until(() => textsTo(tg.emu, 206).length > before);
    expect(textsTo(tg.emu, 206).slice(before).join("\n")).toContain("H29.31-250301-0007");
  });
});

describe("updates that are not for the assistant", () => {
  it("acknowledges bots, group chats and edited messages without answering", async () => {
    const bot = textUpdate(207, "xin chào");
    bot.message["from"] = { id: 207, is_bot: true, first_name: "Other bot" };
    const group = textUpdate(208, "xin chào");
    group.message.chat = { id: -208, type: "group", title: "Nhóm" };
    const edited = { update_id: 990_001, edited_message: textUpdate(209, "sửa").message };
    for (const u of [bot, group, edited]) await post(u);
    await say(210, textUpdate(210, "xin chào")); // a later update in the same queue has run
    for (const chat of [207, -208, 209]) expect(textsTo(tg.emu, chat)).toEqual([]);
  });
});
