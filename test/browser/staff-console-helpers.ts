// Helpers of the staff console browser tests: a real app with console accounts served over loopback,
// phone-sized Chromium pages that record their problems, the web chat's citizen side and signing in.
import type { Page } from "playwright-core";
import { startBrowserRig, type BrowserRig } from "../helpers/browser.js";
import { staffAccounts, USERS } from "../staff/console-helpers.js";

/** Bot bubbles and the typing indicator of the web chat. */
export const BOT = '[data-role="bot"]';
const TYPING = '[data-role="typing"]';

/** The app (with STAFF_ACCOUNTS for USERS), its loopback server and a browser; `open` adds pages. */
export type ConsoleRig = BrowserRig;

/** Starts the rig: call in beforeAll, and `close` in afterAll. */
export async function startRig(env: Record<string, string> = {}): Promise<ConsoleRig> {
  return startBrowserRig({ STAFF_ACCOUNTS: await staffAccounts(), ...env });
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
