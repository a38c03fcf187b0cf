// createSandboxPortal(options): wires the SQLite store, working-day calendar, routes and callback
// outbox into one service that can run in-process (motcua's main) or on its own (`npm run portal`).
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { Hono } from "hono";
import type { KnowledgeBase } from "../../core/knowledge/index.js";
import { createWorkingCalendar, loadHolidays, type HolidayFile } from "./calendar.js";
import { openSandboxDb } from "./db.js";
import { createOutbox, type Outbox } from "./outbox.js";
import { createSandboxRoutes } from "./routes.js";
import { createSandboxStore } from "./store.js";

/** pino-compatible subset. */
export interface SandboxLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SandboxPortalOptions {
  readonly dataDir: string;
  readonly knowledge: KnowledgeBase;
  /** Bearer token of the staff endpoints; null = staff endpoints answer 401. */
  readonly staffToken: string | null;
  /** Where signed status callbacks go; null = none. */
  readonly callback: { readonly url: string; readonly secret: string } | null;
  /** Base of finishUrl links; default http://<host>:<port> once started (http://127.0.0.1 before). */
  readonly publicUrl?: string | null;
  /** Business clock (submission times, codes, due dates); callbacks are signed with real time. */
  readonly clock?: () => Date;
  readonly retry?: { readonly baseMs: number; readonly maxMs: number; readonly pollMs?: number };
  readonly holidays?: HolidayFile;
  readonly fetch?: typeof fetch;
  readonly logger?: SandboxLogger;
}

export interface SandboxPortal {
  /** The Hono app (also usable through app.request() without a server). */
  readonly app: Hono;
  /** Listens (port 0 = any free port) and starts callback delivery. */
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Sends due callbacks once (for in-process use without start()). */
  deliverCallbacks(): Promise<void>;
  /** Stops listening and delivering, then closes the database. */
  close(): Promise<void>;
}

const silent: SandboxLogger = { info: () => {}, warn: () => {}, error: () => {} };

export function createSandboxPortal(options: SandboxPortalOptions): SandboxPortal {
  const log = options.logger ?? silent;
  const db = openSandboxDb(options.dataDir);
  let base = options.publicUrl?.replace(/\/+$/, "") ?? "http://127.0.0.1";
  const store = createSandboxStore(db, (code) => `${base}/v1/dossiers/${encodeURIComponent(code)}/finish`);
  const outbox: Outbox | null = options.callback
    ? createOutbox(db, {
        secret: options.callback.secret,
        baseMs: options.retry?.baseMs ?? 2000,
        maxMs: options.retry?.maxMs ?? 600_000,
        ...(options.retry?.pollMs ? { pollMs: options.retry.pollMs } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        onError: (info) => log.warn(info, "callback delivery failed; will retry"),
      })
    : null;
  const app = createSandboxRoutes({
    store,
    knowledge: options.knowledge,
    calendar: createWorkingCalendar(options.holidays ?? loadHolidays()),
    clock: options.clock ?? (() => new Date()),
    staffToken: options.staffToken,
    callbackUrl: options.callback?.url ?? null,
    onQueued: () => outbox?.kick(),
    onUnexpected: (err) => log.error({ err }, "sandbox portal error"),
  });
  let server: ServerType | null = null;
  let closed = false;

  return {
    app,
    start(port = 0, host = "127.0.0.1") {
      return new Promise((resolvePromise, reject) => {
        const s = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
          const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
          const url = `http://${shown.includes(":") ? `[${shown}]` : shown}:${info.port}`;
          if (!options.publicUrl) base = url;
          outbox?.start();
          log.info({ url }, "sandbox portal is listening");
          resolvePromise({ url, port: info.port });
        });
        s.once("error", reject);
        server = s;
      });
    },
    deliverCallbacks: () => outbox?.runOnce() ?? Promise.resolve(),
    async close() {
      if (closed) return;
      closed = true;
      await outbox?.stop();
      const s = server;
      if (s) await new Promise<void>((done) => s.close(() => done()));
      db.close();
    },
  };
}
