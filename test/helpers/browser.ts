// Real headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core.
// When Chromium is missing the browser tests skip themselves with a notice (CI installs it).
import { existsSync } from "node:fs";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/** True when the system Chromium is installed. */
export const chromiumAvailable: boolean = existsSync(CHROMIUM_PATH);

/** Launches headless Chromium with flags that keep it quiet and offline except for the test server. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A phone-sized context (360×740, touch, Vietnamese locale). */
export const MOBILE_360: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "vi-VN",
  timezoneId: "Asia/Ho_Chi_Minh",
};

/** Problems a page reported: console errors, uncaught exceptions, CSP violations, foreign requests. */
export interface PageProblems {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly foreignRequests: string[];
  /** CSP violations recorded in the page (securitypolicyviolation events). */
  cspViolations(): Promise<string[]>;
}

/** Starts recording a page's problems; call before the first navigation. */
export async function watchPage(context: BrowserContext, page: Page, origin: string): Promise<PageProblems> {
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || /Content[- ]Security[- ]Policy/i.test(m.text())) consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:")) foreignRequests.push(u);
  });
  // Init scripts run outside the page's CSP, so this recorder works even when inline code is blocked.
  await context.addInitScript(`
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", function (e) {
      window.__csp.push(e.violatedDirective + " " + e.blockedURI);
    });
  `);
  return {
    consoleErrors,
    pageErrors,
    foreignRequests,
    cspViolations: () => page.evaluate<string[]>("window.__csp || []"),
  };
}
