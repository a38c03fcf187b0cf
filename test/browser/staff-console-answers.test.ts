// Approved answers from the staff console in real headless Chromium: a citizen's question the bot was
// unsure about shows under "Câu hỏi chưa trả lời được"; the officer drafts an answer from it, saves it
// (bad input refused politely), the citizen asking again gets it with the reviewer mark; then deleted.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { CHROMIUM_PATH, chromiumAvailable, complaints } from "../helpers/browser.js";
import { BOT, citizenSays, signIn, startRig, waitForBot, type ConsoleRig } from "./staff-console-helpers.js";

if (!chromiumAvailable)
  console.warn(`Chromium not found at ${CHROMIUM_PATH} — browser tests skipped (CI installs it)`);

const SCREENSHOT_DIR = join(process.cwd(), "test-results");
/** The bot answers this with low confidence (logged with the procedure it guessed). */
const QUESTION = "kết hôn với người nước ngoài lệ phí bao nhiêu";
const ANSWER = "Lệ phí đăng ký kết hôn có yếu tố nước ngoài do HĐND tỉnh quy định (bản đã duyệt).";
const MARK = /Câu trả lời đã được cán bộ lan duyệt ngày \d{2}\/\d{2}\/\d{4}/;

/** A fresh citizen conversation asking QUESTION; returns the page once the bot answered. */
async function citizenAsks(rig: ConsoleRig): Promise<{ page: Page; text: string }> {
  const citizen = await rig.open("/");
  await citizen.page.locator(BOT).first().waitFor();
  await citizenSays(citizen.page, QUESTION);
  const text = (await citizen.page.locator(BOT).allTextContents()).join("\n");
  expect(await complaints(citizen)).toEqual([]);
  return { page: citizen.page, text };
}

describe.skipIf(!chromiumAvailable)("approved answers in the staff console", { timeout: 120_000 }, () => {
  let rig: ConsoleRig;

  beforeAll(async () => {
    rig = await startRig();
  });

  afterAll(async () => {
    await rig?.close();
  });

  it("drafts from an unanswered question, serves it to citizens with the reviewer mark, deletes it", async () => {
    // The bot is unsure about this question: it is logged with the procedure it guessed.
    const before = await citizenAsks(rig);
    expect(before.text).not.toContain(ANSWER);
    const logged = (await rig.app.stores.questions.since(0, 100)).find((e) => e.question === QUESTION);
    expect(logged?.outcome).toBe("low-confidence");

    // The officer signs in: the reviewer is pre-filled, no approved answer yet.
    const staff = await rig.open("/staff");
    const page = staff.page;
    await signIn(page, "lan");
    await page.locator("#console-view").waitFor();
    await page.locator("#answers-empty").waitFor();
    expect(await page.getByLabel("Cán bộ duyệt").inputValue()).toBe("lan");

    // "Soạn câu trả lời duyệt" on the unanswered question fills in its question and procedure.
    const entry = page.locator('[data-role="unanswered-question"]').filter({ hasText: QUESTION });
    await entry.getByRole("button", { name: "Soạn câu trả lời duyệt" }).click();
    expect(await page.getByLabel("Câu hỏi của người dân").inputValue()).toBe(QUESTION);
    expect(await page.getByLabel(/Mã thủ tục/).inputValue()).toBe(logged?.procedure ?? "");

    // Missing answer and an unknown procedure are refused politely; nothing is saved.
    const status = page.locator("#answer-status");
    await page.getByRole("button", { name: "Lưu câu trả lời" }).click();
    await status.filter({ hasText: "Anh/chị vui lòng nhập nội dung trả lời." }).waitFor();
    await page.getByLabel("Nội dung trả lời").fill(ANSWER);
    const procedure = await page.getByLabel(/Mã thủ tục/).inputValue();
    await page.getByLabel(/Mã thủ tục/).fill("khong-co-thu-tuc-nay");
    await page.getByRole("button", { name: "Lưu câu trả lời" }).click();
    await status.filter({ hasText: "Không có thủ tục mã “khong-co-thu-tuc-nay”" }).waitFor();
    expect(await rig.app.stores.approvedAnswers.list()).toEqual([]);
    staff.problems.consoleErrors.splice(0).forEach((e) => expect(e).toMatch(/400/)); // Chromium logs the 400

    // Saved with the procedure put back: listed with reviewer and validity, the form emptied.
    await page.getByLabel(/Mã thủ tục/).fill(procedure);
    await page.getByLabel(/Hiệu lực/).fill("30");
    await page.getByRole("button", { name: "Lưu câu trả lời" }).click();
    await status.filter({ hasText: "Đã lưu" }).waitFor();
    const card = page.locator('[data-role="approved-answer"]').filter({ hasText: QUESTION });
    await card.waitFor();
    expect(await card.textContent()).toContain(ANSWER);
    expect(await card.locator('[data-role="answer-meta"]').textContent()).toMatch(
      /^Duyệt bởi lan ngày \d{2}\/\d{2}\/\d{4} · hiệu lực đến \d{2}\/\d{2}\/\d{4}$/,
    );
    expect(await page.locator("#answers-count").textContent()).toBe("1");
    expect(await page.getByLabel("Câu hỏi của người dân").inputValue()).toBe("");
    const [stored] = await rig.app.stores.approvedAnswers.list();
    expect(stored).toMatchObject({ question: QUESTION, answer: ANSWER, reviewer: "lan" });
    expect(stored?.procedure).toBe(procedure === "" ? null : procedure);
    expect((stored?.expiresAt ?? 0) - (stored?.approvedAt ?? 0)).toBe(30 * 86_400_000);

    // Fits a 360 px phone; screenshot for review.
    expect(await page.evaluate<number>("document.scrollingElement.scrollWidth")).toBeLessThanOrEqual(360);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({
      path: join(SCREENSHOT_DIR, "staff-console-answers.png"),
      fullPage: true,
      scale: "css",
    });

    // A citizen asking the same question in the web chat gets the approved answer, marked.
    const served = await citizenAsks(rig);
    expect(await waitForBot(served.page, MARK)).toMatch(MARK);
    expect(served.text).toContain(ANSWER);

    // Delete takes two clicks; afterwards the list is empty and citizens get the bot's answer again.
    const remove = card.getByRole("button", { name: "Xóa" });
    await remove.click();
    await card.getByRole("button", { name: "Bấm lần nữa để xóa" }).click();
    await card.waitFor({ state: "detached" });
    await page.locator("#answers-empty").waitFor();
    await status.filter({ hasText: "Đã xóa câu trả lời đã duyệt." }).waitFor();
    expect(await rig.app.stores.approvedAnswers.list()).toEqual([]);
    const after = await citizenAsks(rig);
    expect(after.text).not.toContain(ANSWER);
    expect(after.text).not.toMatch(MARK);

    expect(await complaints(staff)).toEqual([]);
  });
});
