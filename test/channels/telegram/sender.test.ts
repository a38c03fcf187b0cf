// The Telegram sender against the Bot API emulation: buttons and links, files by public URL, text
// fallbacks when Telegram refuses a button or a URL, and Bot API errors mapped for the dispatcher.
import { Bot } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChannelRejectedError,
  ChannelRetryError,
  type PushSender,
} from "../../../src/channels/common/index.js";
import { createTelegramSender } from "../../../src/channels/telegram/sender.js";
import { startTelegramEmulator, type TelegramEmulator } from "../../helpers/telegram-emulator.js";
import { lastKeyboard, textsTo } from "./updates.js";

let emu: TelegramEmulator;
beforeAll(async () => {
  emu = await startTelegramEmulator();
});
afterAll(async () => {
  await emu?.close();
});

function sender(publicBaseUrl: string | null, apiRoot = emu.url): PushSender {
  const bot = new Bot(emu.token, { client: { apiRoot, timeoutSeconds: 5 } });
  return createTelegramSender({
    api: bot.api,
    apiRoot,
    token: emu.token,
    publicBaseUrl,
    unavailable: (label) => `📎 ${label}: chưa gửi được`,
  });
}

const receipt = {
  text: "Đã tạo hồ sơ H29.31-250301-0001.",
  options: [{ id: "status", label: "Tra cứu hồ sơ" }],
  links: [
    { url: "https://dichvucong.gov.vn/p/hoan-tat", label: "Hoàn tất trên cổng" },
    { url: "/files/receipts/H29.31-250301-0001.pdf?e=1&t=x", label: "Biên nhận (PDF)" },
  ],
  files: [{ name: "Danh sách giấy tờ (PDF)", mime: "application/pdf", url: "/files/checklists/a.pdf" }],
};

describe("Telegram sender", () => {
  it("without PUBLIC_BASE_URL: absolute links as buttons, our own files and links as a note", async () => {
    await sender(null).send("401", receipt);
    const text = textsTo(emu, 401).join("\n");
    expect(text).toContain("📎 Biên nhận (PDF): chưa gửi được");
    expect(text).toContain("📎 Danh sách giấy tờ (PDF): chưa gửi được");
    expect(lastKeyboard(emu, 401)).toEqual([
      [{ text: "Tra cứu hồ sơ", callback_data: "status" }],
      [{ text: "Hoàn tất trên cổng", url: "https://dichvucong.gov.vn/p/hoan-tat" }],
    ]);
    expect(emu.callsOf("sendDocument").filter((c) => c.payload["chat_id"] === "401")).toEqual([]);
  });

  it("with PUBLIC_BASE_URL: link buttons to our server and files sent as documents", async () => {
    await sender("https://motcua.example.vn").send("402", receipt);
    expect(lastKeyboard(emu, 402)?.[2]).toEqual([
      {
        text: "Biên nhận (PDF)",
        url: "https://motcua.example.vn/files/receipts/H29.31-250301-0001.pdf?e=1&t=x",
      },
    ]);
    const doc = emu.callsOf("sendDocument").find((c) => c.payload["chat_id"] === "402");
    expect(doc?.payload).toMatchObject({
      document: "https://motcua.example.vn/files/checklists/a.pdf",
      caption: "Danh sách giấy tờ (PDF)",
    });
  });

  it("falls back to numbered text when Telegram refuses the buttons, and to a link when it cannot fetch a file", async () => {
    emu.failNext("sendMessage", { code: 400, description: "Bad Request: BUTTON_URL_INVALID" });
    emu.failNext("sendDocument", { code: 400, description: "Bad Request: failed to get HTTP URL content" });
    await sender("https://motcua.example.vn").send("403", receipt);
    const texts = textsTo(emu, 403);
    expect(texts[0]).toContain("1. Tra cứu hồ sơ");
    expect(texts[0]).toContain("Hoàn tất trên cổng: https://dichvucong.gov.vn/p/hoan-tat");
    expect(texts[1]).toBe("📎 Danh sách giấy tờ (PDF): https://motcua.example.vn/files/checklists/a.pdf");
  });

  it("puts an option id longer than 64 bytes in the button as its position", async () => {
    const long = `proc:${"thu-tuc-rat-dai-".repeat(5)}`;
    await sender(null).send("404", {
      text: "Chọn thủ tục:",
      options: [
        { id: "proc:khai-sinh", label: "Khai sinh" },
        { id: long, label: "Thủ tục dài" },
      ],
    });
    expect(lastKeyboard(emu, 404)?.map((row) => row[0]?.["callback_data"])).toEqual(["proc:khai-sinh", "#2"]);
  });

  it("maps Bot API errors: blocked → rejected; 429 → retry after; 5xx and network → retry", async () => {
    emu.blocked.add("405");
    await expect(sender(null).send("405", { text: "a" })).rejects.toBeInstanceOf(ChannelRejectedError);
    emu.failNext("sendMessage", {
      code: 429,
      description: "Too Many Requests: retry after 7",
      retryAfter: 7,
    });
    const limited = await sender(null)
      .send("406", { text: "b" })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ChannelRetryError);
    expect((limited as ChannelRetryError).retryAfterMs).toBe(7000);
    emu.failNext("sendMessage", { code: 502, description: "Bad Gateway" });
    await expect(sender(null).send("406", { text: "c" })).rejects.toBeInstanceOf(ChannelRetryError);
    const down = await sender(null, "http://127.0.0.1:9")
      .send("406", { text: "d" })
      .catch((e: unknown) => e);
    expect(down).toBeInstanceOf(ChannelRetryError);
    expect(String((down as Error).message)).not.toContain(emu.token);
  });

  it("shows typing with sendChatAction", async () => {
    await sender(null).typing?.("407");
    expect(emu.callsOf("sendChatAction").at(-1)?.payload).toEqual({ chat_id: "407", action: "typing" });
  });
});
