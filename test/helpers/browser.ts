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
import { listen, startApp, type TestApp } from "./app.js";

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

/** Everything a page complained about (console errors, page errors, CSP violations, foreign requests). */
export async function complaints(o: { readonly problems: PageProblems }): Promise<string[]> {
  return [
    ...o.problems.consoleErrors.map((e) => `console: ${e}`),
    ...o.problems.pageErrors.map((e) => `pageerror: ${e}`),
    ...(await o.problems.cspViolations()).map((e) => `csp: ${e}`),
    ...o.problems.foreignRequests.map((u) => `foreign request: ${u}`),
  ];
}

/** An opened page and what it complained about. */
export interface Opened {
  readonly page: Page;
  readonly problems: PageProblems;
}

/** The app, its loopback server and a browser; `open` adds phone-sized pages that record problems. */
export interface BrowserRig {
  readonly app: TestApp;
  open(path: string): Promise<Opened>;
  close(): Promise<void>;
}

/** Starts the app with `env`, serves it and launches Chromium: call in beforeAll, and `close` in afterAll. */
export async function startBrowserRig(env: Record<string, string> = {}): Promise<BrowserRig> {
  const app = await startApp(env);
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
