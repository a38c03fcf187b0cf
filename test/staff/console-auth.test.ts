// Staff console sign-in through the real app (app.request): off without accounts and token, login
// with a password or the token, cookie flags, hashed server-side sessions, the login rate limit,
// CSRF on state changes, expiry after 8 hours, logout, and the security headers of the page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../helpers/app.js";
import {
  postLogin,
  sessionCookie,
  setCookieLine,
  sha256Hex,
  signIn,
  staffAccounts,
  TOKEN,
  USERS,
} from "./console-helpers.js";

const HOUR = 3_600_000;

describe("staff console switched off", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers a polite 404 page and 404 to sign-in and the API", async () => {
    const page = await app.http.request("/staff");
    expect(page.status).toBe(404);
    expect(await page.text()).toMatch(/Giao diện cán bộ chưa bật/);
    for (const [method, path] of [
      ["POST", "/staff/login"],
      ["GET", "/staff/session"],
      ["GET", "/api/staff/queue"],
      ["GET", "/api/staff/stats/export.csv"],
    ] as const) {
      const res =
        method === "POST"
          ? await postLogin(app.http, { username: "lan", password: USERS.lan })
          : await app.http.request(path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: string }).error).toMatch(/Chưa bật giao diện cán bộ/);
    }
  });
});

describe("staff console sign-in", () => {
  let app: TestApp;
  let clock = Date.now();
  beforeAll(async () => {
    app = await startApp(
      { STAFF_ACCOUNTS: await staffAccounts(), STAFF_API_TOKEN: TOKEN },
      { now: () => clock },
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it("serves the page with a strict CSP and security headers, and its same-origin script", async () => {
    const page = await app.http.request("/staff");
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Bàn làm việc cán bộ/);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const script = await app.http.request("/staff/console.js");
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect(await script.text()).toMatch(/X-CSRF-Token/);
    const api = await app.http.request("/api/staff/queue");
    expect(api.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
  });

  it("signs in with a password: HttpOnly SameSite=Strict cookie, session stored only hashed", async () => {
    const res = await postLogin(app.http, { username: "lan", password: USERS.lan });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { username: string; csrfToken: string; expiresAt: number };
    expect(body.username).toBe("lan");
    expect(body.expiresAt).toBe(clock + 8 * HOUR);
    const line = setCookieLine(res);
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Strict/);
    expect(line).toMatch(/Path=\//);
    expect(line).toMatch(/Max-Age=28800/);
    expect(line).not.toMatch(/Secure/);
    const id = sessionCookie(res);
    expect(Buffer.from(id, "base64url")).toHaveLength(32);
    expect(await app.stores.staffSessions.get(id)).toBeNull();
    expect(await app.stores.staffSessions.get(sha256Hex(id))).toMatchObject({ username: "lan" });
    expect(body.csrfToken).not.toContain(id);
    const session = await app.http.request("/staff/session", { headers: { cookie: `motcua_staff=${id}` } });
    expect(await session.json()).toMatchObject({
      signedIn: true,
      username: "lan",
      csrfToken: body.csrfToken,
    });
    expect(app.logs.join("")).not.toContain(id);
  });

  it("marks the cookie Secure for requests that came over https", async () => {
    const proxied = await postLogin(
      app.http,
      { username: "lan", password: USERS.lan },
      { "x-forwarded-proto": "https" },
    );
    expect(setCookieLine(proxied)).toMatch(/; Secure/);
    const direct = await app.http.request("https://motcua.example/staff/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "lan", password: USERS.lan }),
    });
    expect(setCookieLine(direct)).toMatch(/; Secure/);
  });

  it("signs in with the API token, and refuses a wrong one", async () => {
    const ok = await postLogin(app.http, { token: TOKEN });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { username: string }).username).toBe("mã truy cập");
    const bad = await postLogin(app.http, { token: `${TOKEN}x` });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: string }).error).toBe("Mã truy cập không đúng.");
    expect(sessionCookie(bad)).toBe("");
  });

  it.each([
    ["a wrong password", { username: "lan", password: "sai-mat-khau-roi" }],
    ["an unknown user", { username: "khach", password: USERS.lan }],
    ["another user's password", { username: "lan", password: USERS.binh }],
  ])("refuses %s with the same polite 401 and no cookie", async (_, body) => {
    const res = await postLogin(app.http, body);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Sai tên đăng nhập hoặc mật khẩu." });
    expect(sessionCookie(res)).toBe("");
  });

  it.each([
    ["a form post", "username=lan&password=x", { "content-type": "application/x-www-form-urlencoded" }, 415],
    ["broken JSON", '{"username": "lan"', {}, 400],
    ["no password", { username: "lan" }, {}, 400],
    [
      "another site's page",
      { username: "lan", password: USERS.lan },
      { origin: "https://evil.example" },
      403,
    ],
  ])("refuses %s with a polite message", async (_, body, headers, status) => {
    const res = await postLogin(app.http, body, headers);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(/[a-zà-ỹ]/);
    expect(sessionCookie(res)).toBe("");
  });

  it("allows 5 failed attempts per username and address per 15 minutes, then answers 429", async () => {
    const wrong = { username: "binh", password: "doan-sai-mat-khau" };
    for (let i = 0; i < 5; i++) expect((await postLogin(app.http, wrong)).status).toBe(401);
    const limited = await postLogin(app.http, { username: "binh", password: USERS.binh });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(((await limited.json()) as { error: string }).error).toMatch(/sai quá nhiều lần.*15 phút/);
    expect((await postLogin(app.http, { username: "BINH", password: USERS.binh })).status).toBe(429);
    expect((await postLogin(app.http, { username: "lan", password: USERS.lan })).status).toBe(200);
    clock += 15 * 60_000 + 1000;
    expect((await postLogin(app.http, { username: "binh", password: USERS.binh })).status).toBe(200);
  });

  it("requires the session's CSRF token on state changes (not on reads, not with the Bearer token)", async () => {
    const s = await signIn(app.http, { username: "lan", password: USERS.lan });
    expect((await s.call("/api/staff/queue", { csrf: null })).status).toBe(200);
    for (const csrf of [null, "", "sai", `${s.csrf}x`]) {
      const res = await s.call("/api/staff/handoffs/no-such/release", { method: "POST", csrf });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toMatch(/mã chống giả mạo/);
    }
    const other = await signIn(app.http, { username: "binh", password: USERS.binh });
    expect(
      (await s.call("/api/staff/handoffs/no-such/release", { method: "POST", csrf: other.csrf })).status,
    ).toBe(403);
    expect((await s.call("/api/staff/handoffs/no-such/release", { method: "POST" })).status).toBe(404);
    const bearer = await app.http.request("/api/staff/handoffs/no-such/release", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(bearer.status).toBe(404);
  });

  it("refuses a made-up cookie and a Bearer token that is wrong even with a valid cookie", async () => {
    const forged = await app.http.request("/api/staff/queue", { headers: { cookie: "motcua_staff=abc" } });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: string }).error).toMatch(/đăng nhập lại/);
    const s = await signIn(app.http, { username: "lan", password: USERS.lan });
    const mixed = await app.http.request("/api/staff/queue", {
      headers: { cookie: `motcua_staff=${s.cookie}`, authorization: "Bearer wrong-token-0123456789" },
    });
    expect(mixed.status).toBe(401);
  });

  it("ends a session after 8 hours and deletes it", async () => {
    const s = await signIn(app.http, { username: "lan", password: USERS.lan });
    clock += 8 * HOUR - 1000;
    expect((await s.call("/api/staff/queue")).status).toBe(200);
    clock += 2000;
    const expired = await s.call("/api/staff/queue");
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: string }).error).toMatch(/hết hạn/);
    expect(await (await s.call("/staff/session")).json()).toEqual({ signedIn: false });
  });

  it("logs out: the session is deleted server-side and the cookie cleared", async () => {
    const s = await signIn(app.http, { username: "lan", password: USERS.lan });
    expect((await s.call("/staff/logout", { method: "POST", csrf: null })).status).toBe(403);
    const out = await s.call("/staff/logout", { method: "POST" });
    expect(out.status).toBe(200);
    expect(setCookieLine(out)).toMatch(/Max-Age=0/);
    expect(await app.stores.staffSessions.get(sha256Hex(s.cookie))).toBeNull();
    expect((await s.call("/api/staff/queue")).status).toBe(401);
  });
});

describe("COOKIE_SECURE=true", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ STAFF_ACCOUNTS: await staffAccounts(), COOKIE_SECURE: "true" });
  });
  afterAll(async () => {
    await app.close();
  });

  it("always marks the cookie Secure, and the token login is off without a token", async () => {
    const res = await postLogin(app.http, { username: "lan", password: USERS.lan });
    expect(setCookieLine(res)).toMatch(/; Secure/);
    expect((await postLogin(app.http, { token: TOKEN })).status).toBe(401);
    const bearer = await app.http.request("/api/staff/queue", {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(bearer.status).toBe(401);
  });
});
