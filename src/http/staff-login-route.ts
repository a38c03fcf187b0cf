// Console sign-in: POST /staff/login (username + password, or the API token) with a rate limit per
// username and client address, GET /staff/session (who is signed in + CSRF token), POST /staff/logout.
import { randomBytes } from "node:crypto";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { clientAddress } from "../rate-limit/index.js";
import {
  currentSession,
  csrfTokenFor,
  DISABLED,
  endSession,
  sameSecret,
  staffAuth,
  staffEnabled,
  startSession,
  type StaffAuthDeps,
  type StaffEnv,
} from "./staff-auth.js";
import { hashPassword, verifyPassword } from "./staff-password.js";
import type { LoginRateLimiter } from "./staff-rate-limit.js";

/** What the login routes need. */
export interface StaffLoginDeps extends StaffAuthDeps {
  readonly limiter: LoginRateLimiter;
  /** Told about sign-ins (no username, no address: those stay out of the logs). */
  readonly onEvent?: (event: "login" | "login-failed" | "login-limited" | "logout") => void;
}

/** Display name of a console user who signed in with the API token. */
export const TOKEN_USER = "mã truy cập";
const MAX_BODY_CHARS = 4096;

const loginSchema = z.union([
  z.object({ token: z.string().min(1).max(512) }),
  z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(512) }),
]);

/** A cross-site login attempt: an Origin naming another host than the one asked. */
function foreignOrigin(c: Context): boolean {
  const origin = c.req.header("origin");
  if (!origin) return false;
  try {
    const host = new URL(origin).host;
    return host !== c.req.header("host") && host !== c.req.header("x-forwarded-host");
  } catch {
    return true;
  }
}

function minutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** Mounts the login, session and logout routes. */
export function staffLoginRoute(deps: StaffLoginDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  // Unknown usernames still cost one scrypt, so timing does not tell which usernames exist.
  let dummy: Promise<string> | null = null;
  const dummyHash = (): Promise<string> => (dummy ??= hashPassword(randomBytes(16).toString("hex")));

  async function check(body: z.infer<typeof loginSchema>): Promise<string | null> {
    if ("token" in body) return deps.token !== null && sameSecret(body.token, deps.token) ? TOKEN_USER : null;
    const username = body.username.normalize("NFC");
    const account = deps.accounts.find((a) => a.username === username);
    const ok = await verifyPassword(body.password, account?.hash ?? (await dummyHash()));
    return account && ok ? account.username : null;
  }

  app.post("/staff/login", async (c) => {
    if (!staffEnabled(deps)) return c.json(DISABLED, 404);
    if (foreignOrigin(c))
      return c.json({ error: "Yêu cầu đăng nhập đến từ trang khác, đã bị từ chối." }, 403);
    if (!(c.req.header("content-type") ?? "").toLowerCase().includes("application/json"))
      return c.json({ error: "Yêu cầu phải gửi dạng JSON (Content-Type: application/json)." }, 415);
    const raw = await c.req.text();
    if (raw.length > MAX_BODY_CHARS) return c.json({ error: "Nội dung gửi lên quá lớn." }, 413);
    let parsed;
    try {
      parsed = loginSchema.safeParse(JSON.parse(raw));
    } catch {
      return c.json({ error: "Nội dung gửi lên không đúng định dạng JSON." }, 400);
    }
    if (!parsed.success)
      return c.json({ error: "Anh/chị vui lòng nhập tên đăng nhập và mật khẩu (hoặc mã truy cập)." }, 400);
    const who = "token" in parsed.data ? "(token)" : parsed.data.username.normalize("NFC").toLowerCase();
    // The socket's address ("unknown" in-process): X-Forwarded-For is not trusted here.
    const key = `${who}|${clientAddress(c, false)}`;
    const wait = await deps.limiter.retryAfter(key, deps.now());
    if (wait > 0) {
      deps.onEvent?.("login-limited");
      c.header("Retry-After", String(wait));
      const message = `Anh/chị đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes(wait)} phút.`;
      return c.json({ error: message }, 429);
    }
    const username = await check(parsed.data);
    if (!username) {
      await deps.limiter.failed(key, deps.now());
      deps.onEvent?.("login-failed");
      const message = "token" in parsed.data ? "Mã truy cập không đúng." : "Sai tên đăng nhập hoặc mật khẩu.";
      return c.json({ error: message }, 401);
    }
    await deps.limiter.succeeded(key);
    const { csrfToken, session } = await startSession(c, deps, username);
    deps.onEvent?.("login");
    return c.json({ username, csrfToken, expiresAt: session.expiresAt });
  });

  app.get("/staff/session", async (c) => {
    if (!staffEnabled(deps)) return c.json(DISABLED, 404);
    const live = await currentSession(c, deps);
    // 200 either way: the page asks this on every load, and "not signed in" is not an error.
    if (!live) return c.json({ signedIn: false });
    const { username, expiresAt } = live.session;
    return c.json({ signedIn: true, username, csrfToken: csrfTokenFor(live.id), expiresAt });
  });

  app.post("/staff/logout", staffAuth(deps), async (c) => {
    await endSession(c, deps);
    deps.onEvent?.("logout");
    return c.json({ loggedOut: true });
  });
  return app;
}
