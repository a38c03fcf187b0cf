// The "📷 Gửi ảnh giấy tờ" button of the web page in real headless Chromium against the real app:
// a blurred photo gets the advice, the caption in the text box attaches a good one, a non-image is
// refused on the page; no CSP violation, no foreign request. Skipped with a notice without Chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { blurred, documentPhoto } from "../../scripts/lib/synthetic-photos.js";
import { listen, startApp, type TestApp } from "../helpers/app.js";
import {
  CHROMIUM_PATH,
  MOBILE_360,
  chromiumAvailable,
  launchChromium,
  watchPage,
} from "../helpers/browser.js";

if (!chromiumAvailable)
  console.warn(`Chromium not found at ${CHROMIUM_PATH} — browser photo tests skipped (CI installs it)`);

const BOT = '[data-role="bot"]';
const PHOTO = '[data-role="photo"]';

describe.skipIf(!chromiumAvailable)("photo upload on the web page", { timeout: 60_000 }, () => {
  let app: TestApp;
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let sharpPhoto: Buffer;
  let blurryPhoto: Buffer;

  beforeAll(async () => {
    app = await startApp();
    server = await listen(app);
    browser = await launchChromium();
    sharpPhoto = await documentPhoto({ width: 1400, height: 1000, seed: 21 });
    blurryPhoto = await blurred(sharpPhoto, 4);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await app?.close();
  });

  /** Waits until the page shows more bot bubbles than `before`; returns the new ones' text. */
  async function newBotText(page: Page, before: number): Promise<string> {
    await page.waitForFunction(
      ([selector, n]) =>
        (
          globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
        ).document.querySelectorAll(selector).length > n,
      [BOT, before] as const,
    );
    await page.waitForSelector('[data-role="typing"]', { state: "detached" });
    const all = await page.locator(BOT).allInnerTexts();
    return all.slice(before).join("\n");
  }

  it("checks a photo, attaches one sent with a caption, and refuses a non-image", async () => {
    const context = await browser.newContext(MOBILE_360);
    const page = await context.newPage();
    const problems = await watchPage(context, page, server.url);
    await page.goto(server.url);
    await page.waitForSelector(BOT);
    await expect(page.getByText("📷 Gửi ảnh giấy tờ").isVisible()).resolves.toBe(true);

    let before = await page.locator(BOT).count();
    await page.setInputFiles(PHOTO, { name: "cccd.jpg", mimeType: "image/jpeg", buffer: blurryPhoto });
    const advice = await newBotText(page, before);
    expect(advice).toContain("Ảnh hơi mờ");
    expect(await page.locator('[data-role="user"]').last().innerText()).toContain("📷 Ảnh giấy tờ");

    before = await page.locator(BOT).count();
    await page.fill("#input", "đính kèm vào hồ sơ");
    await page.setInputFiles(PHOTO, { name: "cccd.jpg", mimeType: "image/jpeg", buffer: sharpPhoto });
    expect(await newBotText(page, before)).toContain("Đã mã hóa và lưu ảnh vào hồ sơ");
    expect(await page.inputValue("#input")).toBe("");
    const sessionId = await page.evaluate<string | null>('localStorage.getItem("motcua.sessionId")');
    expect(await app.stores.attachments.listFor(`web:${sessionId ?? ""}`)).toHaveLength(1);

    await page.setInputFiles(PHOTO, {
      name: "to-khai.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4"),
    });
    const error = page.locator('[data-role="error"]');
    await error.waitFor();
    expect(await error.innerText()).toContain("không phải ảnh");

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    expect(await problems.cspViolations()).toEqual([]);
    await context.close();
  });
});
