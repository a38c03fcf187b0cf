// The staff console in real headless Chromium against the real app over loopback: a citizen asks
// for an officer in the web chat; the officer signs in (a wrong password first), takes the ticket,
// replies — the citizen's page shows it — and hands back to the bot, which answers again. Phone-sized.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, chromiumAvailable, complaints } from "../helpers/browser.js";
import { USERS } from "../staff/console-helpers.js";
import { citizenSays, signIn, startRig, waitForBot, BOT, type ConsoleRig } from "./staff-console-helpers.js";

if (!chromiumAvailable)
  console.warn(`Chromium not found at ${CHROMIUM_PATH} — browser tests skipped (CI installs it)`);

const SCREENSHOT_DIR = join(process.cwd(), "test-results");
const REPLY = "Chào anh/chị, bé sinh ở nhà thì cần văn bản xác nhận của người làm chứng.";

describe.skipIf(!chromiumAvailable)("staff console in headless Chromium", { timeout: 120_000 }, () => {
  let rig: ConsoleRig;

  beforeAll(async () => {
    rig = await startRig();
  });

  afterAll(async () => {
    await rig?.close();
  });

  it("login, take over, reply, release: the citizen gets the answer and the bot back", async () => {
    // The citizen asks about a procedure, then for an officer.
    const citizen = await rig.open("/");
    const chat = citizen.page;
    await chat.locator(BOT).first().waitFor();
    await citizenSays(chat, "làm giấy khai sinh cho con cần gì");
    await citizenSays(chat, "gặp cán bộ");
    expect(await waitForBot(chat, /chuyển cuộc trò chuyện cho cán bộ/)).toMatch(/Cán bộ sẽ trả lời/);
    await citizenSays(chat, "bé nhà tôi sinh ở nhà thì cần giấy gì?");

    // The officer opens the console: a wrong password is refused politely, the right one signs in.
    const staff = await rig.open("/staff");
    const page = staff.page;
    await signIn(page, "lan", "khong-phai-mat-khau");
    await page
      .locator("#login-error")
      .filter({ hasText: /Sai tên đăng nhập hoặc mật khẩu/ })
      .waitFor();
    const refusedLogin = staff.problems.consoleErrors.splice(0); // Chromium logs the 401 itself
    expect(refusedLogin.filter((e) => !/401/.test(e))).toEqual([]);
    await signIn(page, "lan", USERS.lan);
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
    expect((await rig.app.stores.conversations.load(`web:${sessionId}`))?.handoff).toBeNull();

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
