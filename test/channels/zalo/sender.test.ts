// The Zalo sender with the real client (emulated Bot API) and a real SQLite seen-log: replies rendered
// as text (numbered options, links, file links), photos by absolute URL, 2,000-character bubbles, and
// the automated-assistant notice once per conversation, in the reply's language.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createZaloClient, createZaloSender, ZALO_MAX_CHARS } from "../../../src/channels/zalo/index.js";
import { automatedNoticeKey, type Reply } from "../../../src/core/messages.js";
import { createSqliteStores } from "../../../src/storage/index.js";
import { tempDir } from "../../helpers/tmp.js";
import { startZaloEmulator } from "../../helpers/zalo-emulator.js";

const zalo = await startZaloEmulator();
const stores = createSqliteStores({ path: join(tempDir("motcua-zalo-"), "s.sqlite"), ttlSeconds: 3600 });
afterAll(async () => {
  await stores.close();
  await zalo.close();
});
const client = createZaloClient({ apiRoot: zalo.url, token: zalo.token });
const notice = { vi: "Lưu ý: đây là trợ lý tự động.", en: "Note: this is an automated assistant." };

function sender(publicBaseUrl: string | null) {
  return createZaloSender({
    client,
    seen: stores.seen,
    notice,
    noticeTtlSeconds: 3600,
    publicBaseUrl,
    download: () => Promise.resolve({ bytes: null }),
  });
}

const receipt: Reply = {
  text: "Hồ sơ H29.31-240315-0001 đã được tạo.",
  options: [
    { id: "status", label: "Tra cứu hồ sơ" },
    { id: "menu", label: "Menu" },
  ],
  links: [{ label: "Hoàn tất trên Cổng DVC", url: "https://dichvucong.gov.vn/x" }],
  files: [
    { name: "bien-nhan.pdf", mime: "application/pdf", url: "/files/receipts/H29.pdf?e=1&t=abc" },
    { name: "bien-nhan.png", mime: "image/png", url: "/files/receipts/H29.png?e=1&t=abc" },
    { name: "huong-dan.pdf", mime: "application/pdf", url: "https://example.org/huong-dan.pdf" },
  ],
};

describe("zalo sender", () => {
  it("renders options as numbered lines, links and files as text, images as photos by absolute URL", async () => {
    await sender("https://motcua.example.gov.vn").send("s1", receipt);
    expect(zalo.sent("s1")).toEqual([
      [
        notice.vi,
        "",
        "Hồ sơ H29.31-240315-0001 đã được tạo.",
        "Hoàn tất trên Cổng DVC: https://dichvucong.gov.vn/x",
        "1. Tra cứu hồ sơ",
        "2. Menu",
        "bien-nhan.pdf: https://motcua.example.gov.vn/files/receipts/H29.pdf?e=1&t=abc",
        "huong-dan.pdf: https://example.org/huong-dan.pdf",
      ].join("\n"),
    ]);
    expect(zalo.photos("s1")).toEqual([
      { photo: "https://motcua.example.gov.vn/files/receipts/H29.png?e=1&t=abc", caption: "bien-nhan.png" },
    ]);
    expect(await stores.seen.has(automatedNoticeKey("zalo:s1"))).toBe(true);
  });

  it("leaves out files on our server when no public address is configured", async () => {
    await sender(null).send("s2", receipt);
    const [text] = zalo.sent("s2");
    expect(text).not.toContain("/files/receipts");
    expect(text).toContain("huong-dan.pdf: https://example.org/huong-dan.pdf");
    expect(zalo.photos("s2")).toEqual([]);
  });

  it("tells each conversation once, in English when the reply is English", async () => {
    const s = sender(null);
    await s.send("s3", { text: "Hello! Which procedure do you need?" });
    await s.send("s3", { text: "The fee is 0 VND." });
    expect(zalo.sent("s3")).toEqual([
      `${notice.en}\n\nHello! Which procedure do you need?`,
      "The fee is 0 VND.",
    ]);
    await s.send("s4", { text: `Xin chào! ${notice.vi}` }); // the reply says it itself
    expect(zalo.sent("s4")).toEqual([`Xin chào! ${notice.vi}`]);
    expect(await stores.seen.has(automatedNoticeKey("zalo:s4"))).toBe(true);
  });

  it("splits a long reply into bubbles of at most 2,000 characters, in order", async () => {
    await stores.seen.firstTime(automatedNoticeKey("zalo:s5"), 3600);
    const lines = Array.from(
      { length: 90 },
      (_, i) => `Dòng ${i + 1}: ${"giấy tờ cần mang ".repeat(3).trim()}`,
    );
    await sender(null).send("s5", { text: lines.join("\n") });
    const bubbles = zalo.sent("s5");
    expect(bubbles.length).toBeGreaterThanOrEqual(3);
    expect(bubbles.every((b) => b.length <= ZALO_MAX_CHARS)).toBe(true);
    expect(bubbles.join("\n")).toBe(lines.join("\n"));
  });

  it("shows typing through sendChatAction", async () => {
    await sender(null).typing?.("s6");
    expect(zalo.calls.at(-1)).toMatchObject({
      method: "sendChatAction",
      body: { chat_id: "s6", action: "typing" },
    });
  });
});
