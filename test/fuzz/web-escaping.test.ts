// Markup typed by a citizen in real headless Chromium: the web chat shows it as literal text and runs
// nothing, and so does the staff console when an officer reads that citizen's transcript.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { citizenSays } from "../browser/staff-console-helpers.js";
import { CHROMIUM_PATH, chromiumAvailable, startBrowserRig, type BrowserRig } from "../helpers/browser.js";

if (!chromiumAvailable)
  console.warn(`Chromium not found at ${CHROMIUM_PATH} — browser tests skipped (CI installs it)`);

const TOKEN = "fuzz-escaping-staff-token-0123";
const USER = '[data-role="user"]';
/** What an attacker types; each would set window.__xss if it were ever parsed as HTML. */
const PAYLOADS = [
  `<img src=x onerror="window.__xss='img'">`,
  `<script>window.__xss='script'</script>`,
  `<svg onload="window.__xss='svg'"></svg>`,
  `"><iframe src="javascript:window.top.__xss='iframe'"></iframe>`,
  `<a href="javascript:window.__xss='a'">bấm vào đây</a> &lt;b&gt; &amp;`,
];

describe.skipIf(!chromiumAvailable)("markup from citizens stays text", { timeout: 120_000 }, () => {
  let rig: BrowserRig;

  async function open(path: string): Promise<{ page: Page; errors: () => Promise<string[]> }> {
    const { page, problems } = await rig.open(path);
    const errors = async () => [
      ...problems.pageErrors,
      ...problems.foreignRequests,
      ...(await problems.cspViolations()),
    ];
    return { page, errors };
  }

  beforeAll(async () => {
    rig = await startBrowserRig({ STAFF_API_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: "0" });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it("the chat shows typed markup literally, runs none of it; the console's transcript too", async () => {
    const citizen = await open("/");
    const chat = citizen.page;
    await chat.locator('[data-role="bot"]').first().waitFor();
    await citizenSays(chat, PAYLOADS[0] ?? "");
    await citizenSays(chat, "gặp cán bộ");
    for (const p of PAYLOADS.slice(1)) await citizenSays(chat, p);

    const shown = await chat.locator(USER).allTextContents();
    expect(shown).toEqual([PAYLOADS[0], "gặp cán bộ", ...PAYLOADS.slice(1)]);
    expect(
      await chat.locator("#log img, #log script, #log svg, #log iframe, #log a[href^='javascript']").count(),
    ).toBe(0);
    expect(await chat.evaluate<unknown>("window.__xss")).toBeUndefined();
    expect(await citizen.errors()).toEqual([]);

    // The officer signs in with the token and opens the ticket: the transcript is text too.
    const staff = await open("/staff");
    const page = staff.page;
    await page.locator("#login-mode").click();
    await page.locator("#login-token").fill(TOKEN);
    await page.locator("#login-submit").click();
    await page.locator("#console-view").waitFor();
    const ticket = page.locator('[data-role="ticket"]').first();
    await ticket.getByRole("button", { name: "Nhận xử lý" }).click();
    await page.locator("#ticket-view").waitFor();
    const lines = page.locator('[data-role="line"]');
    await lines.filter({ hasText: "window.__xss='a'" }).waitFor();
    const transcript = (await lines.allTextContents()).join("\n");
    for (const p of PAYLOADS.slice(1)) expect(transcript).toContain(p);
    expect(
      await page
        .locator("#ticket-view img, #ticket-view script, #ticket-view svg, #ticket-view iframe")
        .count(),
    ).toBe(0);
    expect(await page.evaluate<unknown>("window.__xss")).toBeUndefined();
    expect(await staff.errors()).toEqual([]);
  });
});
