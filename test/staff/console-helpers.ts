// Helpers of the staff console tests: fast test password hashes, and signing in through the real
// POST /staff/login of an app (in-process), keeping the session cookie and CSRF token.
import { createHash } from "node:crypto";
import type { Hono } from "hono";
import { hashPassword } from "../../src/http/staff-password.js";

/** Cheaper scrypt cost than production, so tests sign in quickly (the format is the same). */
export const TEST_COST = { N: 1024, r: 8, p: 1 } as const;

export const TOKEN = "staff-token-for-console-tests-0123";
export const USERS = { lan: "mat-khau-cua-lan-2025", binh: "mat-khau-cua-binh-2025" } as const;

/** STAFF_ACCOUNTS for USERS. */
export async function staffAccounts(): Promise<string> {
  const entries = await Promise.all(
    Object.entries(USERS).map(
      async ([user, password]) => `${user}:${await hashPassword(password, TEST_COST)}`,
    ),
  );
  return entries.join(",");
}

/** The value of the motcua_staff cookie a response set ("" when it set none). */
export function sessionCookie(res: Response): string {
  const header = res.headers.getSetCookie().find((c) => c.startsWith("motcua_staff=")) ?? "";
  return /^motcua_staff=([^;]*)/.exec(header)?.[1] ?? "";
}

/** The raw Set-Cookie line of the session cookie. */
export function setCookieLine(res: Response): string {
  return res.headers.getSetCookie().find((c) => c.startsWith("motcua_staff=")) ?? "";
}

export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");

/** A signed-in console: its cookie and CSRF token, and a request helper sending both. */
export interface Signed {
  readonly cookie: string;
  readonly csrf: string;
  call(path: string, init?: { method?: string; body?: unknown; csrf?: string | null }): Promise<Response>;
}

export function postLogin(
  http: Hono,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    http.request("/staff/login", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

/** Signs in (fails the test when refused) and returns the session. */
export async function signIn(http: Hono, body: unknown): Promise<Signed> {
  const res = await postLogin(http, body);
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = sessionCookie(res);
  return {
    cookie,
    csrf: csrfToken,
    call: (path, init = {}) => {
      const method = init.method ?? (init.body === undefined ? "GET" : "POST");
      const csrf = init.csrf === undefined ? csrfToken : init.csrf;
      return Promise.resolve(
        http.request(path, {
          method,
          headers: {
            cookie: `motcua_staff=${cookie}`,
            "content-type": "application/json",
            ...(csrf === null ? {} : { "x-csrf-token": csrf }),
          },
          ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        }),
      );
    },
  };
}
