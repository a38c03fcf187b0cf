// The web chat page in real headless Chromium against the real app over loopback: a whole
// requirements → checklist → form conversation on a 360 px phone (screenshot in test-results/),
// typing indicator, option buttons and number picks, restore after reload, offline error and retry,
// "xóa dữ liệu của tôi" clearing the device copy, retry after a reload mid-request,
// accessibility basics, and server/user text that looks like HTML staying text.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { listen, startApp, type TestApp } from "../helpers/app.js";
import {
  CHROMIUM_PATH,
  MOBILE_360,
  chromiumAvailable,
  complaints,
  launchChromium,
  watchPage,
  type PageProblems,
} from "../helpers/browser.js";

if (!chromiumAvailable)
  console.warn(`Chromium not found at ${CHROMIUM_PATH} — browser tests skipped (CI installs it)`);

const SCREENSHOT_DIR = join(process.cwd(), "test-results");
const BOT = '[data-role="bot"]';
const USER = '[data-role="user"]';
const TYPING = '[data-role="typing"]';
const ERROR = '[data-role="error"]';
/** Enabled option buttons (only the latest options are clickable). */
const ENABLED_OPTION = '[data-role="option"]:not([disabled])';
const option = (id: string) => `[data-role="option"][data-option-id="${id}"]:not([disabled])`;

// Obviously fake personal data.
const FAKE = {
  requester: "Nguyễn Văn Thử",
  cccd: "001099000001",
  phone: "0912345678",
  child: "Nguyễn Thị Bé Thử",
  birthDate: "15/03/2024",
  mother: "Trần Thị Thử",
  address: "Số 1 phố Thử, phường Thử, Hà Nội",
};

/** How the test answers each form question, picked by the question's label (first match wins). */
const FORM_ANSWERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/năm sinh của mẹ/i, "1995"],
  [/năm sinh của cha/i, "1994"],
  [/ngày, tháng, năm sinh/i, FAKE.birthDate],
  [/căn cước/i, FAKE.cccd],
  [/điện thoại/i, FAKE.phone],
  [/quan hệ/i, "1"], // a bare number picks the first choice ("Cha")
  [/giới tính/i, "Nữ"], // the option's words pick it too
  [/dân tộc/i, "Kinh"],
  [/nơi sinh/i, "Bệnh viện Phụ sản Thử, Hà Nội"],
  [/quê quán/i, "Hà Nội"],
  [/nơi cư trú/i, FAKE.address],
  [/tên người đi khai/i, FAKE.requester],
  [/tên của bé/i, FAKE.child],
  [/tên người mẹ/i, FAKE.mother],
  [/tên người cha/i, FAKE.requester],
];

/** The little of the DOM the page functions below use (the project compiles without the DOM lib). */
interface MiniDocument {
  querySelector(selector: string): unknown;
  querySelectorAll(selector: string): { readonly length: number };
}

/** Resolves once no request is in flight (the typing indicator is gone). */
function idle(page: Page): Promise<unknown> {
  return page.waitForFunction(
    (typing) => !(globalThis as unknown as { document: MiniDocument }).document.querySelector(typing),
    TYPING,
  );
}

interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: PageProblems;
}

/** Text of the last "(n/N) label" question in a reply, if any. */
function formQuestion(reply: string): string | null {
  const all = [...reply.matchAll(/\((\d+)\/(\d+)\)\s*([^\n]+)/g)];
  const last = all[all.length - 1];
  return last?.[3]?.trim() ?? null;
}

/** Does `act`, waits until the bot answered (new bot message, typing indicator gone); returns the new bot text. */
async function turn(page: Page, act: () => Promise<void>): Promise<string> {
  const before = await page.locator(BOT).count();
  await act();
  await page.waitForFunction(
    ({ bot, typing, error, n }) => {
      const d = (globalThis as unknown as { document: MiniDocument }).document;
      return (
        !d.querySelector(typing) && (d.querySelectorAll(bot).length > n || d.querySelector(error) !== null)
      );
    },
    { bot: BOT, typing: TYPING, error: ERROR, n: before },
  );
  const error = page.locator(ERROR);
  if ((await error.count()) > 0) throw new Error(`the page showed an error: ${await error.textContent()}`);
  return (await page.locator(BOT).allTextContents()).slice(before).join("\n");
}

/** Types a message into the composer and presses Enter; returns the bot's answer. */
function say(page: Page, text: string): Promise<string> {
  return turn(page, async () => {
    await page.locator("#input").fill(text);
    await page.locator("#input").press("Enter");
  });
}

/**
 * Answers the checklist's condition questions by pressing a button ("Không" when offered) until the
 * result is shown (it offers the form); returns the result and how many questions were answered.
 */
async function finishChecklist(page: Page, reply: string): Promise<{ reply: string; conditions: number }> {
  let conditions = 0;
  while ((await page.locator(option("form")).count()) === 0) {
    if (conditions >= 8) throw new Error(`the checklist did not finish; last reply: ${reply}`);
    const ids = await enabledOptionIds(page);
    if (ids.length === 0) throw new Error(`expected a condition question with buttons, got: ${reply}`);
    reply = await press(page, ids.includes("no") ? "no" : ids[0]!);
    conditions++;
  }
  return { reply, conditions };
}

/** Presses the (enabled) option button with this id; returns the bot's answer. */
function press(page: Page, id: string): Promise<string> {
  return turn(page, () => page.locator(option(id)).last().click());
}

async function enabledOptionIds(page: Page): Promise<string[]> {
  const ids: string[] = [];
  for (const b of await page.locator(ENABLED_OPTION).all())
    ids.push((await b.getAttribute("data-option-id")) ?? "");
  return ids;
}

function sessionId(page: Page): Promise<string | null> {
  return page.evaluate<string | null>('localStorage.getItem("motcua.sessionId")');
}

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>("document.scrollingElement.scrollWidth - window.innerWidth");
}

/** WCAG contrast ratio of text against its (first opaque) background, for each selector's first match. */
const CONTRAST_JS = (selectors: readonly string[]) => `(() => {
  const rgb = (s) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(s);
    if (!m) return null;
    const p = m[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const lum = (c) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const bg = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.99) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  return ${JSON.stringify(selectors)}.map((sel) => {
    const el = document.querySelector(sel);
    if (!el) return { sel, ratio: 0 };
    const a = lum(rgb(getComputedStyle(el).color));
    const b = lum(bg(el));
    return { sel, ratio: Math.round(((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)) * 100) / 100 };
  });
})()`;

describe.skipIf(!chromiumAvailable)("web chat in headless Chromium", { timeout: 60_000 }, () => {
  let app: TestApp;
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** A fresh browser profile (own localStorage, so a new session) with the page loaded and greeted. */
  async function open(options: BrowserContextOptions = MOBILE_360): Promise<Opened> {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems = await watchPage(context, page, server.url);
    await page.goto(server.url);
    await page.locator(BOT).first().waitFor();
    await idle(page);
    return { context, page, problems };
  }

  beforeAll(async () => {
    app = await startApp();
    server = await listen(app);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await app?.close();
  });

  it("whole conversation on a 360 px phone: requirements → checklist → form, confirmed form stored", async () => {
    const o = await open();
    const { page } = o;

    // First visit: the bot greets by itself; no user bubble.
    expect(await page.locator(USER).count()).toBe(0);
    expect(await page.locator(BOT).first().textContent()).toMatch(/Xin chào/);
    expect(await page.locator(ENABLED_OPTION).count()).toBeGreaterThan(0);

    // Requirements question in the user's own words → papers, fee, source.
    const answer = await say(page, "làm giấy khai sinh cho con cần gì");
    expect(await page.locator(USER).last().textContent()).toBe("làm giấy khai sinh cho con cần gì");
    expect(answer).toMatch(/Giấy tờ cần chuẩn bị/);
    expect(answer).toMatch(/Giấy chứng sinh/);
    expect(answer).toMatch(/Lệ phí/);
    expect(answer).toMatch(/Nguồn/);
    expect(answer).toMatch(/https:\/\/dichvucong\.gov\.vn/);
    expect(await enabledOptionIds(page)).toEqual(expect.arrayContaining(["checklist", "form"]));

    // Checklist: press the option, say what we have in free text, answer conditions with buttons.
    const list = await press(page, "checklist");
    expect(list).toMatch(/Giấy chứng sinh/);
    expect(list).toMatch(/đã có/i);
    const { reply: result, conditions } = await finishChecklist(
      page,
      await say(page, "tui có giấy chứng sinh rồi"),
    );
    expect(conditions).toBeGreaterThan(0); // at least one question that resolves a condition, answered by button
    let reply = result;
    expect(reply).toMatch(/Kết quả kiểm tra giấy tờ/);
    expect(reply).toMatch(/Đã có:[^\n]*Giấy chứng sinh/);
    expect(reply).toMatch(/Còn thiếu:[\s\S]*Căn cước/);

    // Form: option → consent → every field typed, with invalid entries politely refused and corrected.
    const consent = await press(page, "form");
    expect(consent).toMatch(/đồng ý/i);
    reply = await press(page, "yes");
    const refused: string[] = [];
    for (let i = 0; i < 30 && (await page.locator(option("form-confirm")).count()) === 0; i++) {
      const question = formQuestion(reply);
      if (!question) throw new Error(`expected a form question, got: ${reply}`);
      if (/căn cước/i.test(question) && !refused.includes("cccd")) {
        refused.push("cccd");
        const msg = await say(page, "00109900000"); // 11 digits
        expect(msg).toMatch(/12 chữ số/);
        expect(msg).toMatch(/anh\/chị/i);
        expect(formQuestion(msg)).toBe(question); // asks the same question again
        reply = msg;
        continue;
      }
      if (/ngày, tháng, năm sinh/i.test(question) && !refused.includes("date")) {
        refused.push("date");
        const msg = await say(page, "01/01/2099"); // not born yet
        expect(msg).toMatch(/anh\/chị/i);
        expect(formQuestion(msg)).toBe(question);
        reply = msg;
        continue;
      }
      const answerFor = FORM_ANSWERS.find(([re]) => re.test(question))?.[1];
      if (answerFor === undefined)
        throw new Error(`the test has no answer for the form question: ${question}`);
      reply = await say(page, answerFor);
    }
    expect(refused).toEqual(["cccd", "date"]);

    // Summary → confirm.
    expect(reply).toMatch(/kiểm tra lại thông tin/i);
    for (const v of [
      FAKE.requester,
      FAKE.cccd,
      FAKE.phone,
      FAKE.child,
      FAKE.birthDate,
      FAKE.mother,
      "Cha",
      "Nữ",
    ])
      expect(reply).toContain(v);
    const saved = await press(page, "form-confirm");
    expect(saved).toMatch(/Đã lưu tờ khai/);

    const sid = await sessionId(page);
    expect(sid).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    const forms = await app.stores.forms.listFor(`web:${sid}`);
    expect(forms).toHaveLength(1);
    expect(forms[0]?.procedure).toBe("khai-sinh");
    expect(forms[0]?.values).toMatchObject({
      requester_name: FAKE.requester,
      requester_id_number: FAKE.cccd,
      requester_relation: "Cha",
      requester_phone: FAKE.phone,
      child_name: FAKE.child,
      child_birth_date: FAKE.birthDate,
      child_sex: "Nữ",
      mother_name: FAKE.mother,
      residence: FAKE.address,
    });

    // Long answers with URLs still fit the 360 px screen.
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // A viewport as tall as the page, so the sticky composer is drawn at the bottom, not mid-page.
    const height = await page.evaluate<number>("document.scrollingElement.scrollHeight");
    await page.setViewportSize({ width: 360, height });
    await page.screenshot({ path: join(SCREENSHOT_DIR, "web-chat.png"), fullPage: true, scale: "css" });
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await complaints(o)).toEqual([]);
  });

  it("shows the typing indicator while a request is in flight; options are buttons; a bare “2” picks one", async () => {
    const o = await open();
    const { page } = o;

    // Hold /api/chat until the indicator has been seen (no timing involved).
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const isChat = (u: URL) => u.pathname === "/api/chat";
    await page.route(isChat, async (route) => {
      await gate;
      await route.continue();
    });
    await page.locator("#input").fill("làm giấy khai sinh cho con cần gì");
    await page.locator("#input").press("Enter");
    const typing = page.locator(TYPING);
    await typing.waitFor({ state: "visible" });
    expect(await typing.textContent()).toMatch(/Trợ lý đang trả lời/);
    expect(await page.locator("#send").isDisabled()).toBe(true);
    expect(await page.locator(ENABLED_OPTION).count()).toBe(0); // no double submits while waiting
    release();
    await typing.waitFor({ state: "detached" });
    await page.unroute(isChat);
    expect((await page.locator(BOT).allTextContents()).join("\n")).toMatch(/Đăng ký khai sinh/);

    // Options are real buttons (keyboard- and screen-reader-friendly), labelled with the option text.
    const kinds = await page.evaluate<string[]>(
      `[...document.querySelectorAll('[data-role="option"]')].map((b) => b.tagName + ":" + b.type)`,
    );
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(["BUTTON:button"]));
    const second = page.locator(ENABLED_OPTION).nth(1);
    expect(await second.getAttribute("data-option-id")).toBe("form");

    // A bare "2" typed picks the second option ("Điền tờ khai") → the consent question.
    const reply = await say(page, "2");
    expect(await page.locator(USER).last().textContent()).toBe("2");
    expect(reply).toMatch(/tờ khai/i);
    expect(reply).toMatch(/đồng ý/i);
    expect(await enabledOptionIds(page)).toEqual(["yes", "no"]);
    expect(await complaints(o)).toEqual([]);
  });

  it("restores the conversation after a reload (same messages, same session)", async () => {
    const o = await open();
    const { page } = o;
    await say(page, "làm giấy khai sinh cho con cần gì");
    await press(page, "checklist");
    const messages = await page.locator(`${BOT}, ${USER}`).allTextContents();
    const sid = await sessionId(page);
    const options = await enabledOptionIds(page);
    expect(messages.length).toBeGreaterThanOrEqual(4);

    let posted = 0;
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === "/api/chat") posted++;
    });
    await page.reload();
    await page.locator(BOT).first().waitFor();
    expect(await page.locator(`${BOT}, ${USER}`).allTextContents()).toEqual(messages);
    expect(await sessionId(page)).toBe(sid);
    expect(await enabledOptionIds(page)).toEqual(options); // the latest options are still clickable
    expect(posted).toBe(0); // no new greeting

    // The server still knows where we are: the checklist answer continues the same conversation.
    const first = await say(page, "tui có giấy chứng sinh rồi");
    expect(first).not.toMatch(/Xin chào/);
    const { reply } = await finishChecklist(page, first);
    expect(reply).toMatch(/Đã có:[^\n]*Giấy chứng sinh/);
    expect(await complaints(o)).toEqual([]);
  });

  it("offline: a clear Vietnamese error with a retry button; back online the retry works", async () => {
    const o = await open();
    const { page, context } = o;
    const banner = page.locator('[data-role="offline"]');
    expect(await banner.isVisible()).toBe(false);

    await context.setOffline(true);
    await banner.waitFor({ state: "visible" });
    expect(await banner.textContent()).toMatch(/mất kết nối mạng/i);
    await page.locator("#input").fill("lệ phí làm giấy khai sinh bao nhiêu");
    await page.locator("#input").press("Enter");
    const error = page.locator(ERROR);
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Mất kết nối mạng.*chưa được gửi/);
    const retry = page.locator('[data-role="retry"]');
    expect(await retry.textContent()).toBe("Gửi lại");
    expect(await page.locator(`${USER}.failed`).count()).toBe(1);
    expect(await page.locator(BOT).count()).toBe(1); // only the greeting

    await context.setOffline(false);
    await banner.waitFor({ state: "hidden" });
    const reply = await turn(page, () => retry.click());
    expect(reply).toMatch(/Lệ phí/i);
    expect(await page.locator(ERROR).count()).toBe(0);
    expect(await page.locator(`${USER}.failed`).count()).toBe(0);
    expect(await page.locator(USER).allTextContents()).toEqual(["lệ phí làm giấy khai sinh bao nhiêu"]);
    expect(await page.locator("#input").inputValue()).toBe(""); // not left behind to be sent twice
    // Chromium may log the refused update polls while offline; nothing else is acceptable.
    const left = (await complaints(o)).filter((c) => !/ERR_INTERNET_DISCONNECTED/.test(c));
    expect(left).toEqual([]);
  });

  it("accessibility basics: label, keyboard, focus, contrast, no horizontal scroll at 360 px, ≤ 100 KB", async () => {
    // A keyboard user on a narrow window (no touch), so focus behaves like on a desktop.
    const o = await open({ viewport: { width: 360, height: 740 }, locale: "vi-VN" });
    const { page } = o;

    expect(await page.evaluate<string>("document.documentElement.lang")).toBe("vi");
    expect(await page.getByLabel("Nhập câu hỏi của bạn").getAttribute("id")).toBe("input");
    expect(await page.getByRole("button", { name: "Gửi", exact: true }).count()).toBe(1);
    expect(await page.getByRole("log").count()).toBe(1);

    // Tab from the input reaches the send button, with a visible focus ring; Enter on it sends.
    await page.locator("#input").focus();
    await page.keyboard.type("lệ phí làm căn cước bao nhiêu");
    await page.keyboard.press("Tab");
    expect(await page.evaluate<string>("document.activeElement.id")).toBe("send");
    expect(await page.evaluate<string>("getComputedStyle(document.activeElement).outlineStyle")).not.toBe(
      "none",
    );
    const first = await turn(page, () => page.keyboard.press("Enter"));
    expect(first.length).toBeGreaterThan(0);
    expect(await page.locator(USER).last().textContent()).toBe("lệ phí làm căn cước bao nhiêu");

    // Focus is back in the input; Shift+Enter is a newline, Enter sends.
    expect(await page.evaluate<string>("document.activeElement.id")).toBe("input");
    await page.keyboard.type("làm giấy khai sinh");
    await page.keyboard.press("Shift+Enter");
    expect(await page.locator("#input").inputValue()).toBe("làm giấy khai sinh\n");
    await page.keyboard.type("cho con cần gì");
    const second = await turn(page, () => page.keyboard.press("Enter"));
    expect(second).toMatch(/Đăng ký khai sinh/);
    expect(await page.locator(USER).last().textContent()).toBe("làm giấy khai sinh\ncho con cần gì");

    // Option buttons work from the keyboard too.
    await page.locator(option("checklist")).focus();
    const third = await turn(page, () => page.keyboard.press("Enter"));
    expect(third).toMatch(/Anh\/chị đã có những giấy nào/);

    // Text contrast ≥ 4.5:1 (WCAG AA) for the main texts and controls.
    const ratios = await page.evaluate<Array<{ sel: string; ratio: number }>>(
      CONTRAST_JS([
        ".top h1",
        "#disclaimer",
        "#privacy",
        "#restart",
        "#erase",
        `${BOT} .bubble`,
        `${USER} .bubble`,
        ENABLED_OPTION,
        "#send",
        "#input",
      ]),
    );
    for (const r of ratios) expect(r, r.sel).toMatchObject({ ratio: expect.any(Number) as number });
    expect(ratios.filter((r) => r.ratio < 4.5)).toEqual([]);

    // Mobile-first: nothing wider than the 360 px screen.
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await page.evaluate<number>("document.scrollingElement.scrollWidth")).toBeLessThanOrEqual(360);

    // Page weight: the whole page is one HTML file ≤ 100 KB uncompressed, nothing else is loaded.
    const res = await fetch(`${server.url}/`);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect((await res.arrayBuffer()).byteLength).toBeLessThanOrEqual(100 * 1024);
    expect(await complaints(o)).toEqual([]);
  });

  it("“Xóa dữ liệu của tôi” confirmed: the page forgets the transcript and draft, the menu still works", async () => {
    const o = await open();
    const { page } = o;

    // Start the form and type the requester's name and CCCD (fake), plus whatever comes before them.
    await say(page, "làm giấy khai sinh cho con cần gì");
    await press(page, "form");
    let reply = await press(page, "yes");
    const typed = new Set<string>();
    for (let i = 0; i < 20 && !(typed.has(FAKE.requester) && typed.has(FAKE.cccd)); i++) {
      const question = formQuestion(reply);
      if (!question) throw new Error(`expected a form question, got: ${reply}`);
      const answerFor = FORM_ANSWERS.find(([re]) => re.test(question))?.[1];
      if (answerFor === undefined)
        throw new Error(`the test has no answer for the form question: ${question}`);
      reply = await say(page, answerFor);
      typed.add(answerFor);
    }
    expect([...typed]).toEqual(expect.arrayContaining([FAKE.requester, FAKE.cccd]));
    const stored = () => page.evaluate<string>('localStorage.getItem("motcua.chat.v1") || ""');
    expect(await stored()).toContain(FAKE.cccd);
    expect(await page.locator("#log").textContent()).toContain(FAKE.requester);

    // Header button → confirmation question with yes/no buttons.
    const ask = await turn(page, () => page.locator("#erase").click());
    expect(ask).toMatch(/chắc muốn xóa/i);
    expect(await enabledOptionIds(page)).toEqual(["yes", "no"]);
    // An unsent draft holding personal data goes too.
    await page.locator("#input").fill(`số CCCD ${FAKE.cccd}`);
    expect(await page.evaluate<string | null>('localStorage.getItem("motcua.draft")')).toContain(FAKE.cccd);

    // The answer replaces the whole transcript, so wait for the user bubbles to go rather than a new bot one.
    await page.locator(option("yes")).click();
    await page.waitForFunction(
      ({ user, typing, error }) => {
        const d = (globalThis as unknown as { document: MiniDocument }).document;
        return (
          !d.querySelector(typing) &&
          (d.querySelectorAll(user).length === 0 || d.querySelector(error) !== null)
        );
      },
      { user: USER, typing: TYPING, error: ERROR },
    );
    expect(await page.locator(ERROR).count()).toBe(0);
    // Only the new bot reply is left, on screen and on the device.
    expect(await page.locator(`${BOT}, ${USER}`).count()).toBe(1);
    expect(await page.locator(BOT).textContent()).toMatch(/Đã xóa toàn bộ dữ liệu/);
    const log = (await page.locator("#log").textContent()) ?? "";
    for (const v of [FAKE.requester, FAKE.cccd, FAKE.phone]) expect(log).not.toContain(v);
    const record = await stored();
    for (const v of [FAKE.requester, FAKE.cccd, FAKE.phone]) expect(record).not.toContain(v);
    const saved = JSON.parse(record) as { messages: Array<{ from: string; text: string }> };
    expect(saved.messages).toHaveLength(1);
    expect(saved.messages[0]?.text).toMatch(/Đã xóa toàn bộ dữ liệu/);
    expect(await page.locator("#input").inputValue()).toBe("");
    expect(await page.evaluate<string | null>('localStorage.getItem("motcua.draft")')).toBeNull();
    // The server erased everything but kept the menu just shown: its buttons work, and so does a bare "2".
    expect(await enabledOptionIds(page)).toEqual(expect.arrayContaining(["checklist", "form"]));
    expect(await app.stores.forms.listFor(`web:${await sessionId(page)}`)).toEqual([]);
    const second = await enabledOptionIds(page).then((ids) => ids[1]);
    expect(second).toBe("checklist");
    const picked = await say(page, "2");
    // "2" = "Kiểm tra giấy tờ"; the procedure talked about before the erase is forgotten too.
    expect(picked).toMatch(/kiểm tra giấy tờ cho thủ tục nào/i);

    // After a reload the erased conversation does not come back.
    await page.reload();
    await page.locator(BOT).first().waitFor();
    const after = (await page.locator("#log").textContent()) ?? "";
    for (const v of [FAKE.requester, FAKE.cccd]) expect(after).not.toContain(v);
    expect(await complaints(o)).toEqual([]);
  });

  it("a reload while a message awaits its answer offers “Gửi lại” (never resends by itself); retry works", async () => {
    const o = await open();
    const { page } = o;
    const isChat = (u: URL) => u.pathname === "/api/chat";
    let posted = 0;
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === "/api/chat") posted++;
    });

    // A turn answered with no replies (as while an officer handles the chat) is not "awaiting" after a reload.
    await page.route(isChat, (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: '{"replies":[]}' }),
    );
    await page.locator("#input").fill("cán bộ ơi, tôi đang chờ");
    await page.locator("#input").press("Enter");
    await page.waitForFunction(
      ({ user, typing }) => {
        const d = (globalThis as unknown as { document: MiniDocument }).document;
        return d.querySelectorAll(user).length === 1 && !d.querySelector(typing);
      },
      { user: USER, typing: TYPING },
    );
    await page.unroute(isChat);
    await page.reload();
    await page.locator(USER).first().waitFor();
    expect(await page.locator(ERROR).count()).toBe(0);
    expect(await page.locator(`${USER}.failed`).count()).toBe(0);

    // Now hold the next message at the network so its answer never comes, and reload meanwhile.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route(isChat, async (route) => {
      await gate;
      await route.abort().catch(() => undefined); // the page that sent it is gone
    });
    const text = "lệ phí làm giấy khai sinh bao nhiêu";
    await page.locator("#input").fill(text);
    await page.locator("#input").press("Enter");
    await page.locator(TYPING).waitFor({ state: "visible" });
    const bots = await page.locator(BOT).count();
    const sentBefore = posted;
    await page.reload();
    release();
    await page.unroute(isChat);

    const error = page.locator(ERROR);
    await error.waitFor();
    expect(await error.textContent()).toMatch(/chưa nhận được trả lời/);
    const retry = page.locator('[data-role="retry"]');
    expect(await retry.textContent()).toBe("Gửi lại");
    expect(await page.locator(USER).last().textContent()).toBe(text);
    expect(await page.locator(`${USER}.failed`).count()).toBe(1);
    expect(await page.locator(BOT).count()).toBe(bots);
    expect(await page.locator(TYPING).count()).toBe(0);
    const record = await page.evaluate<string>('localStorage.getItem("motcua.chat.v1") || ""');
    expect(record).not.toContain('"sending"');
    expect(record).toContain('"failed":true');
    expect(posted).toBe(sentBefore); // nothing resent by itself
    expect(await page.locator("#input").inputValue()).toBe(""); // nor put back to be sent twice

    const reply = await turn(page, () => retry.click());
    expect(reply).toMatch(/Lệ phí/i);
    expect(posted).toBe(sentBefore + 1);
    expect(await page.locator(ERROR).count()).toBe(0);
    expect(await page.locator(`${USER}.failed`).count()).toBe(0);
    expect(await page.locator(USER).allTextContents()).toEqual(["cán bộ ơi, tôi đang chờ", text]);

    // Answered: a further reload shows no retry.
    await page.reload();
    await page.locator(BOT).first().waitFor();
    expect(await page.locator(ERROR).count()).toBe(0);
    expect(await page.locator(USER).allTextContents()).toEqual(["cán bộ ơi, tôi đang chờ", text]);
    // The aborted request of the reloaded page may be logged; nothing else is acceptable.
    const left = (await complaints(o)).filter((c) => !/ERR_FAILED|ERR_ABORTED/.test(c));
    expect(left).toEqual([]);

    // Same when the tab is closed mid-request and the chat opened again in a new tab.
    let letGo: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    await page.route(isChat, async (route) => {
      await held;
      await route.abort().catch(() => undefined);
    });
    await page.locator("#input").fill("thêm một câu hỏi");
    await page.locator("#input").press("Enter");
    await page.locator(TYPING).waitFor({ state: "visible" });
    await page.close();
    letGo();
    const again = await o.context.newPage();
    await again.goto(server.url);
    await again.locator(ERROR).waitFor();
    expect(await again.locator(`${USER}.failed`).allTextContents()).toEqual(["thêm một câu hỏi"]);
    expect(await again.locator('[data-role="retry"]').count()).toBe(1);
  });

  it("shows HTML typed by the user or sent by the server as text, never runs it", async () => {
    const o = await open();
    const { page } = o;
    const typed = [
      '<script>window.__xss = "script"</script>',
      '<img src="x" onerror="window.__xss = \'img\'">',
    ];
    for (const t of typed) {
      await say(page, t);
      expect(await page.locator(USER).last().textContent()).toBe(t);
    }

    // A server reply carrying markup in text, option label and link label; and a javascript: link.
    const evil = '<img src="x" onerror="window.__xss = \'server\'"><b>đậm</b>';
    const isChat = (u: URL) => u.pathname === "/api/chat";
    await page.route(isChat, (route) =>
      route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({
          replies: [
            {
              text: `Trả lời ${evil}`,
              options: [{ id: "evil", label: evil }],
              links: [
                { url: "javascript:window.__xss='link'", label: "xấu" },
                { url: "https://dichvucong.gov.vn", label: "<b>Cổng DVC</b>" },
              ],
            },
          ],
        }),
      }),
    );
    await say(page, "xin chào");
    const last = page.locator(BOT).last();
    expect(await last.locator(".bubble").textContent()).toBe(`Trả lời ${evil}`);
    expect(await last.locator('[data-role="option"]').textContent()).toBe(evil);
    const links = last.locator('[data-role="link"]');
    expect(await links.count()).toBe(1);
    expect(await links.getAttribute("href")).toBe("https://dichvucong.gov.vn/");
    expect(await links.textContent()).toBe("<b>Cổng DVC</b>");
    await turn(page, () => last.locator('[data-role="option"]').click());
    await page.unroute(isChat);

    expect(await page.locator("#log img, #log script, #log b").count()).toBe(0);
    expect(await page.evaluate<unknown>("window.__xss")).toBeUndefined();
    expect(await complaints(o)).toEqual([]);
  });
});
