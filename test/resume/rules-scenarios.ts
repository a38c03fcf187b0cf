// Resume-code rules through the real application: wrong and malformed codes, the guessing limit, a
// code typed in its own chat, a form in progress here, an open officer ticket, erasure, crossed moves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chat, type TestApp } from "../helpers/app.js";
import { BUSY, codeIn, joined, newSession, say, telegramId, webCode, zaloId } from "./scenarios.js";

export function rulesScenario(start: () => Promise<TestApp>): void {
  describe("resume code rules", () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await start();
    }, 60_000);
    afterAll(async () => {
      await app.close();
    });

    it("stops guessing after five wrong codes, without using up a real code typed then", async () => {
      const guesser = zaloId();
      const first = joined(await say(app, guesser, "tiep tuc ABC123")); // can never be a code
      expect(first).toContain("Mã tiếp tục không đúng");
      expect(first).toContain("còn 4 lần thử");
      for (const guess of ["ZZZ222", "ZZZ223", "ZZZ224"]) await say(app, guesser, `/tieptuc ${guess}`);
      const fifth = joined(await say(app, guesser, "tiếp tục ZZZ225"));
      expect(fifth).toContain("nhập sai mã tiếp tục quá nhiều lần");
      expect(fifth).toContain("60 phút");
      const session = newSession();
      const real = await webCode(app, session);
      expect(joined(await say(app, guesser, `tiếp tục ${real}`))).toContain("quá nhiều lần");
      // The conversation can still ask about procedures, and the real code still works elsewhere.
      expect(joined(await say(app, guesser, "làm hộ chiếu cần gì"))).toContain("hộ chiếu");
      expect(joined(await say(app, telegramId(), `tiếp tục ${real}`))).toContain("Đã chuyển cuộc trò chuyện");
    });

    it("keeps a code typed in its own chat usable elsewhere", async () => {
      const session = newSession();
      const code = await webCode(app, session);
      expect(joined(await chat(app, session, `tiếp tục ${code}`))).toContain(
        "ngay trong cuộc trò chuyện này",
      );
      expect(joined(await say(app, zaloId(), `tiếp tục ${code}`))).toContain("Đã chuyển cuộc trò chuyện");
    });

    it("replaces an earlier code when a new one is asked for", async () => {
      const session = newSession();
      const older = await webCode(app, session);
      const newer = await webCode(app, session);
      expect(newer).not.toBe(older);
      expect(joined(await say(app, zaloId(), `tiếp tục ${older}`))).toContain("Mã tiếp tục không đúng");
      expect(joined(await say(app, zaloId(), `tiếp tục ${newer}`))).toContain("Đã chuyển cuộc trò chuyện");
    });

    it("does not replace a form being filled here; the code works once it is cancelled", async () => {
      const code = await webCode(app, newSession());
      const here = telegramId();
      await say(app, here, "khai sinh");
      await say(app, here, "điền tờ khai");
      await say(app, here, "đồng ý");
      expect(joined(await say(app, here, "Lê Thị Hoa"))).toContain("(2/15)");
      const refused = joined(await say(app, here, `tiếp tục ${code}`));
      expect(refused).toContain("đang điền dở «Tờ khai đăng ký khai sinh»");
      expect((await app.stores.conversations.load(here))?.form?.values).toEqual({
        requester_name: "Lê Thị Hoa",
      });
      expect(joined(await say(app, here, "hủy"))).toContain("Đã hủy việc điền tờ khai");
      expect(joined(await say(app, here, `tiếp tục ${code}`))).toContain("Đã chuyển cuộc trò chuyện");
    });

    it("moves an open officer ticket: the officer's answer reaches the new channel", async () => {
      const session = newSession();
      expect(joined(await chat(app, session, "gặp cán bộ"))).toContain("chuyển cuộc trò chuyện cho cán bộ");
      await chat(app, session, "tôi cần hỏi về hộ chiếu");
      const code = codeIn(await chat(app, session, "/tieptuc"));
      expect(code).not.toBe("");
      const there = telegramId();
      const moved = joined(await say(app, there, `tiếp tục ${code}`));
      expect(moved).toContain("Đã chuyển cuộc trò chuyện từ trang web");
      expect(moved).toContain("trợ lý tự động tạm dừng trả lời");
      const ticket = await app.stores.handoffs.openFor(there);
      expect(ticket).toMatchObject({ conversationId: there, channel: "telegram" });
      expect(await app.stores.handoffs.openFor(`web:${session}`)).toBeNull();
      expect(await app.assistant.staffReply(ticket?.id ?? "", "Chào anh, tôi là cán bộ Lan.")).toBe(true);
      expect(joined(await app.assistant.updates(there))).toContain("Chào anh, tôi là cán bộ Lan.");
      const lines = (await app.stores.handoffs.transcript(ticket?.id ?? "")).map((l) => l.text);
      expect(lines).toContain("tôi cần hỏi về hộ chiếu");
      expect(lines).toContain("(Người dân đã chuyển cuộc trò chuyện sang Telegram.)");
    });

    it("forgets the code when the citizen erases their data", async () => {
      const session = newSession();
      const code = await webCode(app, session);
      await chat(app, session, "xóa dữ liệu của tôi");
      await chat(app, session, "có");
      expect(joined(await say(app, zaloId(), `tiếp tục ${code}`))).toContain("Mã tiếp tục không đúng");
    });

    it("answers in English when asked in English", async () => {
      const session = newSession();
      const replies = await chat(app, session, "I need a resume code");
      const code = /continue ([2-9A-Z]{6})/.exec(joined(replies))?.[1] ?? "";
      expect(joined(replies)).toContain("single use, valid for 30 minutes");
      expect(joined(await say(app, zaloId(), `continue ${code}`))).toContain("moved here from the website");
    });

    it("moves two conversations into each other at the same time without a deadlock", async () => {
      const [a, b] = [newSession(), newSession()];
      await chat(app, a, "khai sinh");
      await chat(app, b, "hộ chiếu");
      const [codeA, codeB] = [await webCode(app, a), await webCode(app, b)];
      const answers = await Promise.all([
        chat(app, a, `tiếp tục ${codeB}`),
        chat(app, b, `tiếp tục ${codeA}`),
      ]);
      for (const replies of answers) {
        expect(joined(replies)).not.toContain(BUSY);
        expect(joined(replies)).toMatch(/Đã chuyển cuộc trò chuyện|không còn nữa/);
      }
    });
  });
}
