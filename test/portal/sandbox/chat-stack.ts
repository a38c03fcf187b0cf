// End-to-end stack for the chat ↔ portal tests: motcua (createApp, served on 127.0.0.1 so the
// sandbox can call back) talking over HTTP to the sandbox portal running as a separate process.
// The sandbox's port is reserved before motcua starts so both sides know each other's address,
// and the sandbox can be stopped and started again on the same port and data folder.
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect } from "vitest";
import { PortalClient } from "../../../src/portal/client/index.js";
import { signBody } from "../../../src/portal/signature.js";
import { listen, startApp, type TestApp } from "../../helpers/app.js";
import { tempDir } from "../../helpers/tmp.js";
import { CALLBACK_SECRET, STAFF_TOKEN, startSandbox, type RunningSandbox } from "./harness.js";
import { freePort } from "../../helpers/net.js";

export interface Reply {
  readonly text: string;
  readonly options?: ReadonlyArray<{ id: string; label: string }>;
  readonly links?: ReadonlyArray<{ url: string; label: string }>;
}

/** An obviously fake applicant for the khai-sinh form. */
export interface FakeApplicant {
  readonly name: string;
  readonly idNumber: string;
  readonly phone: string;
}

export const APPLICANT_A: FakeApplicant = {
  name: "Nguyễn Văn An",
  idNumber: "001203004567",
  phone: "0912345678",
};

/** The khai-sinh form answers, in order, for `who` (fake child, parents and addresses). */
export function khaiSinhAnswers(who: FakeApplicant): string[] {
  return [
    who.name,
    who.idNumber,
    "1",
    who.phone,
    "Nguyễn Minh Khôi",
    "05/03/2024",
    "Nam",
    "Kinh",
    "Bệnh viện Phụ sản Hà Nội, phường Láng, Hà Nội",
    "xã Yên Lãng, huyện Thanh Trì, Hà Nội",
    "Trần Thị Bích",
    "1995",
    who.name,
    "1993",
    "Số 12 ngõ 34 Láng Hạ, phường Láng, Hà Nội",
  ];
}

/** One chat message through POST /api/chat; all replies. */
export async function say(
  app: TestApp,
  sessionId: string,
  text: string,
  optionId?: string,
): Promise<Reply[]> {
  const res = await app.http.request("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sessionId, text, ...(optionId ? { optionId } : {}) }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { replies: Reply[] }).replies;
}

/** Fills the khai-sinh form for `who` and confirms it; returns the replies to the confirmation. */
export async function fillAndConfirm(app: TestApp, sessionId: string, who: FakeApplicant): Promise<Reply[]> {
  await say(app, sessionId, "làm giấy khai sinh cần gì");
  await say(app, sessionId, "điền tờ khai");
  await say(app, sessionId, "đồng ý");
  for (const answer of khaiSinhAnswers(who)) await say(app, sessionId, answer);
  return say(app, sessionId, "đúng rồi");
}

export const joined = (replies: readonly Reply[]): string => replies.map((r) => r.text).join("\n");

/** The dossier code in a "📨 Đã tạo hồ sơ …" reply ("" when none). */
export const createdCode = (replies: readonly Reply[]): string =>
  /mã hồ sơ (\S+) —/.exec(joined(replies))?.[1] ?? "";

/** Drains GET /api/chat/updates once. */
export async function updates(app: TestApp, sessionId: string): Promise<Reply[]> {
  const res = await app.http.request(`/api/chat/updates?sessionId=${encodeURIComponent(sessionId)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { replies: Reply[] }).replies;
}

/**
 * Polls the updates until `done(all received so far)` holds; returns everything received. Throws
 * after `timeoutMs` (a deadline for a stuck test, not a speed requirement).
 */
export async function waitForUpdates(
  app: TestApp,
  sessionId: string,
  done: (all: readonly Reply[]) => boolean,
  timeoutMs = 90_000,
): Promise<Reply[]> {
  const all: Reply[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    all.push(...(await updates(app, sessionId)));
    if (done(all)) return all;
    if (Date.now() > until)
      throw new Error(`updates not as expected after ${timeoutMs} ms: ${JSON.stringify(joined(all))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until `check()` is true (polling); throws with `what` after the deadline. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Signed POST of `body` to motcua's /portal/callback at `base`, as the portal would send it; the status. */
export async function postCallback(base: string, body: string, secret = CALLBACK_SECRET): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${base}/portal/callback`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-portal-timestamp": String(timestamp),
      "x-portal-signature": signBody(secret, timestamp, body),
    },
    body,
  });
  await res.body?.cancel();
  return res.status;
}

/** Runs `query` on a SQLite file, read-only (the owning process may still be running). */
export function sqlite<T>(file: string, query: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

export interface ChatStack {
  readonly app: TestApp;
  /** motcua's listening base URL (the sandbox's callbacks go to `${url}/portal/callback`). */
  readonly url: string;
  /** The sandbox's port (stable across restarts) and URL. */
  readonly portalPort: number;
  readonly portalUrl: string;
  readonly portalDataDir: string;
  /** Staff side of the portal (status changes). */
  readonly client: PortalClient;
  sandbox(): RunningSandbox | null;
  startSandbox(): Promise<RunningSandbox>;
  stopSandbox(signal?: NodeJS.Signals): Promise<void>;
  /** Dossier rows in the sandbox's SQLite. */
  dossierCount(): number;
  /** Stops everything this stack started (sandbox process first). */
  close(): Promise<void>;
}

export interface ChatStackOptions {
  /** Where motcua sends dossiers; default the sandbox's own URL (a test proxy may sit in between). */
  readonly portalUrl?: (sandboxPort: number) => Promise<string> | string;
  /** Extra sandbox settings (PORTAL_CLOCK_START, …). */
  readonly sandboxEnv?: Record<string, string>;
  /** Start the sandbox right away (default true). */
  readonly startSandbox?: boolean;
  /** Signed status callbacks sandbox → motcua (default true); false: motcua has no callback secret. */
  readonly callbacks?: boolean;
}

/** motcua with PORTAL_URL → the sandbox process, and the sandbox's callbacks → motcua over HTTP. */
export async function startChatStack(options: ChatStackOptions = {}): Promise<ChatStack> {
  const portalPort = await freePort();
  const portalDataDir = tempDir("motcua-e2e-portal-");
  const direct = `http://127.0.0.1:${portalPort}`;
  const portalUrl = options.portalUrl ? await options.portalUrl(portalPort) : direct;
  const callbacks = options.callbacks ?? true;
  const app = await startApp({
    PORTAL_URL: portalUrl,
    ...(callbacks ? { PORTAL_CALLBACK_SECRET: CALLBACK_SECRET } : {}),
    FILES_SECRET: "files-secret-for-e2e-tests-0123456789",
  });
  const server = await listen(app);
  const client = new PortalClient({ baseUrl: direct, apiKey: "sandbox", retries: 0 });
  let current: RunningSandbox | null = null;
  const stack: ChatStack = {
    app,
    url: server.url,
    portalPort,
    portalUrl: direct,
    portalDataDir,
    client,
    sandbox: () => current,
    async startSandbox() {
      current = await startSandbox({
        PORTAL_PORT: String(portalPort),
        PORTAL_DATA_DIR: portalDataDir,
        PORTAL_STAFF_TOKEN: STAFF_TOKEN,
        ...(callbacks
          ? {
              PORTAL_CALLBACK_URL: `${server.url}/portal/callback`,
              PORTAL_CALLBACK_SECRET: CALLBACK_SECRET,
              PORTAL_CALLBACK_RETRY_MS: "200",
              PORTAL_CALLBACK_RETRY_MAX_MS: "1000",
            }
          : {}),
        ...options.sandboxEnv,
      });
      expect(current.url).toBe(direct);
      return current;
    },
    async stopSandbox(signal) {
      await current?.stop(signal);
      current = null;
    },
    dossierCount: () =>
      sqlite(join(portalDataDir, "sandbox-portal.sqlite"), (db) => {
        const row = db.prepare("SELECT COUNT(*) AS n FROM dossiers").get() as { n: number };
        return row.n;
      }),
    async close() {
      await current?.stop("SIGKILL");
      await server.stop();
      await app.close();
    },
  };
  if (options.startSandbox ?? true) await stack.startSandbox();
  return stack;
}

export { CALLBACK_SECRET, STAFF_TOKEN };
