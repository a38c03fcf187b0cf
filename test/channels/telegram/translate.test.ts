// Telegram update → canonical turn, table-driven: commands, button data, documents, other message
// kinds, officers; and the TELEGRAM_* settings with their errors naming the key.
import { describe, expect, it } from "vitest";
import { commandText, readCallbackData, translateUpdate } from "../../../src/channels/telegram/index.js";
import { loadConfig } from "../../../src/config/index.js";
import { callbackUpdate, photoUpdate, textUpdate } from "./updates.js";

const ctx = { now: 1_700_000_000_000, isStaff: (id: string) => id === "900" };

describe("commands", () => {
  it.each([
    ["/start", "xin chào"],
    ["/start ref-abc", "xin chào"],
    ["/help@motcua_test_bot", "trợ giúp"],
    ["/menu", "menu"],
    ["/xoadulieu", "xóa dữ liệu của tôi"],
    ["/chiase@motcua_test_bot khai sinh", "/chiase khai sinh"],
    ["làm /start giùm", "làm /start giùm"],
  ])("%s → %s", (typed, text) => {
    expect(commandText(typed)).toBe(text);
  });

  it("reads button data: an option id, or a position for ids too long for Telegram", () => {
    expect(readCallbackData("proc:khai-sinh")).toEqual({ optionId: "proc:khai-sinh" });
    expect(readCallbackData("#2")).toEqual({ typed: "2" });
  });
});

describe("translateUpdate", () => {
  it("turns a text message into a turn of the chat's conversation, keyed by update_id", () => {
    const t = translateUpdate(textUpdate(42, "/xoadulieu", 7), ctx);
    expect(t.key).toBe("telegram:update:7");
    expect(t.turn?.message).toEqual({
      conversationId: "telegram:42",
      channel: "telegram",
      text: "xóa dữ liệu của tôi",
      receivedAt: ctx.now,
    });
  });

  it("marks a listed officer's messages fromStaff", () => {
    expect(translateUpdate(textUpdate(900, "/chiase khai sinh"), ctx).turn?.message.fromStaff).toBe(true);
  });

  it("gives a button press its option id and label, and answers it", () => {
    const keyboard = { inline_keyboard: [[{ text: "Hỏi thủ tục", callback_data: "ask" }]] };
    const t = translateUpdate(callbackUpdate(43, "ask", keyboard), ctx);
    expect(t.turn?.message).toMatchObject({
      conversationId: "telegram:43",
      text: "Hỏi thủ tục",
      optionId: "ask",
    });
    expect(t.callbackQueryId).toMatch(/^cb-/);
    expect(translateUpdate(callbackUpdate(43, "#3"), ctx).turn?.message).toMatchObject({ text: "3" });
  });

  it("keeps the largest photo size and the caption; documents keep their type and name", () => {
    const photo = translateUpdate(photoUpdate(44, "big-id", 5000, "cccd của tôi"), ctx).turn;
    expect(photo?.attachment).toEqual({ ref: "big-id", mime: "image/jpeg", size: 5000 });
    expect(photo?.message.text).toBe("cccd của tôi");
    const doc = textUpdate(44, "x");
    delete doc.message["text"];
    doc.message["document"] = {
      file_id: "d1",
      file_unique_id: "u",
      file_name: "to-khai.pdf",
      mime_type: "application/pdf",
      file_size: 900,
    };
    const t = translateUpdate(doc, ctx).turn;
    expect(t?.attachment).toEqual({ ref: "d1", mime: "application/pdf", name: "to-khai.pdf", size: 900 });
    expect(t?.message.text).toBe("");
  });

  it("passes other message kinds (stickers, voice) as an empty message the core answers", () => {
    const sticker = textUpdate(45, "x");
    delete sticker.message["text"];
    sticker.message["sticker"] = {
      file_id: "s",
      file_unique_id: "s",
      width: 1,
      height: 1,
      is_animated: false,
    };
    const t = translateUpdate(sticker, ctx).turn;
    expect(t?.message.text).toBe("");
    expect(t?.attachment).toBeUndefined();
  });

  it("drops updates with no turn: unknown kinds and channel posts", () => {
    expect(translateUpdate({ update_id: 9, my_chat_member: {} }, ctx).turn).toBeNull();
    expect(translateUpdate({ update_id: 10, channel_post: {} }, ctx).turn).toBeNull();
  });
});

describe("TELEGRAM_* settings", () => {
  const base = { KNOWLEDGE_DIR: "./knowledge", DATA_DIR: "/tmp/motcua-cfg" };

  it("is off without a token; polling without a secret; webhook with one; API root without trailing slash", () => {
    expect(loadConfig(base).telegram).toBeNull();
    expect(loadConfig({ ...base, TELEGRAM_BOT_TOKEN: "1:abc" }).telegram).toMatchObject({
      mode: "polling",
      webhookSecret: null,
      apiRoot: "https://api.telegram.org",
    });
    const hook = loadConfig({
      ...base,
      TELEGRAM_BOT_TOKEN: "1:abc",
      TELEGRAM_WEBHOOK_SECRET: "A-b_9",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081//",
      STAFF_TELEGRAM_IDS: " 12, 34 ,12",
    }).telegram;
    expect(hook).toMatchObject({ mode: "webhook", webhookSecret: "A-b_9", apiRoot: "http://127.0.0.1:8081" });
    expect(hook?.staffIds).toEqual(["12", "34"]);
  });

  it.each([
    [{ TELEGRAM_MODE: "webhook" }, "TELEGRAM_WEBHOOK_SECRET"],
    [{ TELEGRAM_WEBHOOK_SECRET: "có dấu!" }, "TELEGRAM_WEBHOOK_SECRET"],
    [{ TELEGRAM_WEBHOOK_SECRET: "x".repeat(257) }, "TELEGRAM_WEBHOOK_SECRET"],
    [{ TELEGRAM_MODE: "push" }, "TELEGRAM_MODE"],
    [{ TELEGRAM_API_ROOT: "ftp://x" }, "TELEGRAM_API_ROOT"],
    [{ STAFF_TELEGRAM_IDS: "12,abc" }, "STAFF_TELEGRAM_IDS"],
  ])("refuses %o naming %s", (env, key) => {
    expect(() => loadConfig({ ...base, TELEGRAM_BOT_TOKEN: "1:abc", ...env })).toThrow(key);
  });

  it("names a malformed token without printing it", () => {
    const err = (() => {
      try {
        loadConfig({ ...base, TELEGRAM_BOT_TOKEN: "not a token secret-xyz" });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err?.message).toContain("TELEGRAM_BOT_TOKEN");
    expect(err?.message).not.toContain("secret-xyz");
  });
});
