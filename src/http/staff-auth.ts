// Staff authentication shared by every /api/staff route and the console: a Bearer STAFF_API_TOKEN,
// or a console session cookie (server-side, stored hashed) with a CSRF token on state changes.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { StaffAccount } from "../config/index.js";
import type { StaffSession, StaffSessionStore } from "../core/ports.js";
import { isHttps } from "./security-headers.js";

/** Name of the console's session cookie. */
export const SESSION_COOKIE = "motcua_staff";
/** A console session lasts 8 hours from login. */
export const SESSION_MS = 8 * 60 * 60 * 1000;
/** Header carrying the CSRF token on every state-changing console request. */
export const CSRF_HEADER = "X-CSRF-Token";

/** What staff authentication needs. */
export interface StaffAuthDeps {
  /** Bearer token of the staff API (also accepted at the console login); null = none. */
  readonly token: string | null;
  /** Console logins; empty = only the token. */
  readonly accounts: readonly StaffAccount[];
  readonly sessions: StaffSessionStore;
  /** Always mark the cookie Secure (otherwise only for https requests). */
  readonly cookieSecure: boolean;
  readonly now: () => number;
}

/** Who is calling: a console user (session) or an API client (Bearer token). */
export interface StaffIdentity {
  readonly username: string;
  readonly via: "session" | "token";
}

/** Hono environment of staff routes: the identity set by `staffAuth`. */
export interface StaffEnv {
  Variables: { staff: StaffIdentity };
}

export const DISABLED = { error: "Chưa bật giao diện cán bộ (STAFF_ACCOUNTS hoặc STAFF_API_TOKEN)." };
const NO_CREDENTIALS = { error: "Sai hoặc thiếu mã truy cập của cán bộ. Anh/chị vui lòng đăng nhập." };
const EXPIRED = { error: "Phiên đăng nhập đã hết hạn hoặc không hợp lệ, anh/chị vui lòng đăng nhập lại." };
const BAD_CSRF = {
  error: "Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token), anh/chị vui lòng tải lại trang.",
};

const sha256 = (text: string): Buffer => createHash("sha256").update(text).digest();

/** Constant-time comparison of two secrets of any length (their hashes are compared). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

/** Whether any way to sign in is configured. */
export function staffEnabled(deps: Pick<StaffAuthDeps, "token" | "accounts">): boolean {
  return deps.token !== null || deps.accounts.length > 0;
}

/** The key a session is stored under: sha256 of its id (a stolen store holds no usable cookie). */
export function sessionKey(sessionId: string): string {
  return sha256(sessionId).toString("hex");
}

/** The session's CSRF token, derived from its id (so nothing more is stored, and it dies with it). */
export function csrfTokenFor(sessionId: string): string {
  return createHmac("sha256", sessionId).update("motcua-staff-csrf").digest("base64url");
}

/** Whether the cookie must be Secure: configured, or the request came over https (directly or via a proxy). */
function secureRequest(c: Context, deps: Pick<StaffAuthDeps, "cookieSecure">): boolean {
  return deps.cookieSecure || isHttps(c);
}

/** Starts a session for `username`: stores it (hashed id) and sets the HttpOnly, SameSite=Strict cookie. */
export async function startSession(
  c: Context,
  deps: StaffAuthDeps,
  username: string,
): Promise<{ csrfToken: string; session: StaffSession }> {
  const id = randomBytes(32).toString("base64url");
  const now = deps.now();
  const session = { username, createdAt: now, expiresAt: now + SESSION_MS };
  await deps.sessions.create(sessionKey(id), session);
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: "Strict",
    path: "/",
    secure: secureRequest(c, deps),
    maxAge: SESSION_MS / 1000,
  });
  return { csrfToken: csrfTokenFor(id), session };
}

/** The request's live session (with its id), or null; an expired one is deleted. */
export async function currentSession(
  c: Context,
  deps: StaffAuthDeps,
): Promise<{ id: string; session: StaffSession } | null> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id || id.length > 200) return null;
  const session = await deps.sessions.get(sessionKey(id));
  if (session && session.expiresAt > deps.now()) return { id, session };
  if (session) await deps.sessions.delete(sessionKey(id));
  return null;
}

/** Ends the request's session (server side) and clears the cookie. */
export async function endSession(c: Context, deps: StaffAuthDeps): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE);
  if (id) await deps.sessions.delete(sessionKey(id));
  deleteCookie(c, SESSION_COOKIE, {
    path: "/",
    secure: secureRequest(c, deps),
    httpOnly: true,
    sameSite: "Strict",
  });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Middleware protecting staff routes: 404 when the console is off; a Bearer token (no CSRF needed:
 * browsers never add it by themselves) or a live session cookie whose state-changing requests carry
 * the session's CSRF token. Sets `c.var.staff`.
 */
export function staffAuth(deps: StaffAuthDeps) {
  return createMiddleware<StaffEnv>(async (c, next) => {
    if (!staffEnabled(deps)) return c.json(DISABLED, 404);
    const header = c.req.header("authorization");
    if (header?.startsWith("Bearer ")) {
      if (deps.token === null || !sameSecret(header.slice(7), deps.token)) return c.json(NO_CREDENTIALS, 401);
      c.set("staff", { username: "api", via: "token" });
      return next();
    }
    if (!getCookie(c, SESSION_COOKIE)) return c.json(NO_CREDENTIALS, 401);
    const live = await currentSession(c, deps);
    if (!live) {
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.json(EXPIRED, 401);
    }
    if (
      !SAFE_METHODS.has(c.req.method) &&
      !sameSecret(c.req.header(CSRF_HEADER) ?? "", csrfTokenFor(live.id))
    )
      return c.json(BAD_CSRF, 403);
    c.set("staff", { username: live.session.username, via: "session" });
    return next();
  });
}
