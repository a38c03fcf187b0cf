// Helpers of the staff console browser tests: a real app with console accounts served over loopback,
// phone-sized Chromium pages that record their problems, the web chat's citizen side and signing in.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { listen, startApp, type TestApp } from "../helpers/app.js";
import { MOBILE_360, launchChromium, watchPage, type PageProblems } from "../helpers/browser.js";
import { staffAccounts, USERS } from "../staff/console-helpers.js";

/** Bot bubbles and the typing indicator of the web chat. */
export const BOT = '[data-role="bot"]';
const TYPING = '[data-role="typing"]';

/** An opened page and what it complained about. */
export interface Opened {
  readonly page: Page;
  readonly problems: PageProblems;
}

/** The app (with STAFF_ACCOUNTS for USERS), its loopback server and a browser; `open` adds pages. */
export interface ConsoleRig {
  readonly app: TestApp;
  open(path: string): Promise<Opened>;
  close(): Promise<void>;
}

/** Starts the rig: call in beforeAll, and `close` in afterAll. */
export async function startRig(env: Record<string, string> = {}): Promise<ConsoleRig> {
  const app = await startApp({ STAFF_ACCOUNTS: await staffAccounts(), ...env });
  const server = await listen(app);
  const browser: Browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    app,
    async open(path) {
      const context = await browser.newContext(MOBILE_360);
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const problems = await watchPage(context, page, server.url);
      await page.goto(`${server.url}${path}`);
      return { page, problems };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await server.stop();
      await app.close();
    },
  };
}

/** Everything a page complained about (console errors, page errors, CSP violations, foreign requests). */
export async function complaints(o: Opened): Promise<string[]> {
  return [
    ...o.problems.consoleErrors.map((e) => `console: ${e}`),
    ...o.problems.pageErrors.map((e) => `pageerror: ${e}`),
    ...(await o.problems.cspViolations()).map((e) => `csp: ${e}`),
    ...o.problems.foreignRequests.map((u) => `foreign request: ${u}`),
  ];
}

/** Bot bubbles' text once the page shows one matching `re` (replies outside a turn arrive by polling). */
export async function waitForBot(page: Page, re: RegExp): Promise<string> {
  const bubble = page.locator(BOT).filter({ hasText: re }).last();
  await bubble.waitFor({ timeout: 30_000 });
  return (await bubble.textContent()) ?? "";
}

/** Types into the web chat and waits until the request finished (the typing indicator is gone). */
export async function citizenSays(page: Page, text: string): Promise<void> {
  await page.locator("#input").fill(text);
  await page.locator("#input").press("Enter");
  await page.locator(TYPING).waitFor({ state: "detached" });
}

/** Signs in on the console's login form with `password` (default: the user's right one). */
export async function signIn(page: Page, username: keyof typeof USERS, password?: string): Promise<void> {
  await page.locator("#login-form").waitFor();
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password ?? USERS[username]);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
}
