// The staff console in real headless Chromium against the real app over loopback: a citizen asks
// for an officer in the web chat; the officer signs in (a wrong password first), takes the ticket,
// replies — the citizen's page shows it — and hands back to the bot, which answers again. Phone-sized.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { listen, startApp, type TestApp } from "../helpers/app.js";
import {
  CHROMIUM_PATH,
  MOBILE_360,
  chromiumAvailable,
  launchChromium,
  watchPage,
  type PageProblems,
} from "../helpers/browser.js";
import { staffAccounts, USERS } from "../staff/console-helpers.js";

if (!chromiumAvailable)
  console.warn(`Chromium not found at ${CHROMIUM_PATH} — browser tests skipped (CI installs it)`);

const SCREENSHOT_DIR = join(process.cwd(), "test-results");
const BOT = '[data-role="bot"]';
const TYPING = '[data-role="typing"]';
const REPLY = "Chào anh/chị, bé sinh ở nhà thì cần văn bản xác nhận của người làm chứng.";

interface Opened {
  readonly page: Page;
  readonly problems: PageProblems;
}

/** Everything a page complained about (console errors, page errors, CSP violations, foreign requests). */
async function complaints(o: Opened): Promise<string[]> {
  return [
    ...o.problems.consoleErrors.map((e) => `console: ${e}`),
    ...o.problems.pageErrors.map((e) => `pageerror: ${e}`),
    ...(await o.problems.cspViolations()).map((e) => `csp: ${e}`),
    ...o.problems.foreignRequests.map((u) => `foreign request: ${u}`),
  ];
}

/** Bot bubbles' text once the page shows one matching `re` (replies outside a turn arrive by polling). */
async function waitForBot(page: Page, re: RegExp): Promise<string> {
  const bubble = page.locator(BOT).filter({ hasText: re }).last();
  await bubble.waitFor({ timeout: 30_000 });
  return (await bubble.textContent()) ?? "";
}

/** Types into the web chat and waits until the request finished (the typing indicator is gone). */
async function citizenSays(page: Page, text: string): Promise<void> {
  await page.locator("#input").fill(text);
  await page.locator("#input").press("Enter");
  await page.locator(TYPING).waitFor({ state: "detached" });
}

describe.skipIf(!chromiumAvailable)("staff console in headless Chromium", { timeout: 120_000 }, () => {
  let app: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function open(path: string): Promise<Opened> {
    const context = await browser.newContext(MOBILE_360);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems = await watchPage(context, page, server.url);
    await page.goto(`${server.url}${path}`);
    return { page, problems };
  }

  beforeAll(async () => {
    app = await startApp({ STAFF_ACCOUNTS: await staffAccounts() });
    server = await listen(app);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await app?.close();
  });

  it("login, take over, reply, release: the citizen gets the answer and the bot back", async () => {
    // The citizen asks about a procedure, then for an officer.
    const citizen = await open("/");
    const chat = citizen.page;
    await chat.locator(BOT).first().waitFor();
    await citizenSays(chat, "làm giấy khai sinh cho con cần gì");
    await citizenSays(chat, "gặp cán bộ");
    expect(await waitForBot(chat, /chuyển cuộc trò chuyện cho cán bộ/)).toMatch(/Cán bộ sẽ trả lời/);
    await citizenSays(chat, "bé nhà tôi sinh ở nhà thì cần giấy gì?");

    // The officer opens the console: a wrong password is refused politely, the right one signs in.
    const staff = await open("/staff");
    const page = staff.page;
    await page.locator("#login-form").waitFor();
    await page.getByLabel("Tên đăng nhập").fill("lan");
    await page.getByLabel("Mật khẩu", { exact: true }).fill("khong-phai-mat-khau");
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await page
      .locator("#login-error")
      .filter({ hasText: /Sai tên đăng nhập hoặc mật khẩu/ })
      .waitFor();
    const refusedLogin = staff.problems.consoleErrors.splice(0); // Chromium logs the 401 itself
    expect(refusedLogin.filter((e) => !/401/.test(e))).toEqual([]);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(USERS.lan);
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await page.locator("#console-view").waitFor();
    expect(await page.locator('[data-role="username"]').textContent()).toBe("lan");

    // The queue shows the ticket with what staff need, and no conversation id.
    const ticket = page.locator('[data-role="ticket"]').filter({ hasText: "Đăng ký khai sinh" });
    await ticket.waitFor();
    const card = (await ticket.textContent()) ?? "";
    expect(card).toMatch(/Trang web/);
    expect(card).toMatch(/Chờ từ/);
    expect(card).toMatch(/#[0-9A-F]{8}/);
    const sessionId = await chat.evaluate<string>('localStorage.getItem("motcua.sessionId") || ""');
    expect(sessionId.length).toBeGreaterThan(0);
    expect(await page.content()).not.toContain(sessionId);

    // Take over: the transcript shows what the citizen wrote; reply.
    await ticket.getByRole("button", { name: "Nhận xử lý" }).click();
    await page.locator("#ticket-view").waitFor();
    const transcript = page.locator('[data-role="line"]');
    await transcript.filter({ hasText: "bé nhà tôi sinh ở nhà thì cần giấy gì?" }).waitFor();
    expect(await transcript.first().textContent()).toMatch(/Người dân.*gặp cán bộ/);
    await page.getByLabel(/Trả lời người dân/).fill(REPLY);
    await page.getByRole("button", { name: "Gửi trả lời" }).click();
    await page.locator("#ticket-status").filter({ hasText: "Đã gửi trả lời" }).waitFor();
    await page.locator('[data-role="line"][data-from="staff"]').filter({ hasText: REPLY }).waitFor();

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({
      path: join(SCREENSHOT_DIR, "staff-console-ticket.png"),
      fullPage: true,
      scale: "css",
    });

    // The citizen's page shows the officer's answer; the bot stays silent meanwhile.
    expect(await waitForBot(chat, /\[Cán bộ\]/)).toBe(`[Cán bộ] ${REPLY}`);

    // Release: back to the queue without the ticket; the citizen is told and the bot answers again.
    await page.getByRole("button", { name: "Trả lại cho trợ lý ảo" }).click();
    await page.locator("#queue-view").waitFor();
    await page
      .locator('[data-role="ticket"]')
      .filter({ hasText: "Đăng ký khai sinh" })
      .waitFor({ state: "detached" });
    expect(await waitForBot(chat, /Cán bộ đã kết thúc hỗ trợ/)).toMatch(/Trợ lý tự động tiếp tục/);
    await citizenSays(chat, "lệ phí bao nhiêu?");
    expect(await waitForBot(chat, /Lệ phí/)).toMatch(/Đăng ký khai sinh/);
    expect((await app.stores.conversations.load(`web:${sessionId}`))?.handoff).toBeNull();

    // Statistics and the CSV link are on the page.
    await page.getByRole("button", { name: "Làm mới" }).click();
    await page.locator('[data-role="top-procedure"]').filter({ hasText: "Đăng ký khai sinh" }).waitFor();
    expect(await page.getByRole("link", { name: "Tải CSV" }).getAttribute("href")).toBe(
      "/api/staff/stats/export.csv",
    );

    // Fits a 360 px phone; screenshot for review.
    expect(await page.evaluate<number>("document.scrollingElement.scrollWidth")).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SCREENSHOT_DIR, "staff-console.png"), fullPage: true, scale: "css" });

    // Logout: back to the login form; the old session no longer opens the console after a reload.
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.locator("#login-form").waitFor();
    await page.reload();
    await page.locator("#login-form").waitFor();
    expect(await page.locator("#console-view").isHidden()).toBe(true);

    expect(await complaints(staff)).toEqual([]);
    expect(await complaints(citizen)).toEqual([]);
  });
});
