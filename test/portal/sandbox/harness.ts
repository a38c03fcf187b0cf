// Test harness for the sandbox portal as a separate process: spawn `node --import tsx` on the
// entry with PORTAL_* env, wait for /healthz, stop it; plus a small HTTP receiver for callbacks.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../../..");
export const ENTRY = resolve(ROOT, "src/portal/sandbox/main.ts");
export const STAFF_TOKEN = "staff-token-for-tests-0123456789";
export const CALLBACK_SECRET = "callback-secret-for-tests-0123456789";

export interface RunningSandbox {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process printed (JSON log lines). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the sandbox on a free port and resolves once /healthz answers. */
export async function startSandbox(env: Record<string, string>): Promise<RunningSandbox> {
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      PORTAL_PORT: "0",
      KNOWLEDGE_DIR: resolve(ROOT, "knowledge"),
      LOG_LEVEL: "info",
      PORTAL_STAFF_TOKEN: STAFF_TOKEN,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`sandbox did not start:\n${out}`)), 30_000);
    const onData = (): void => {
      const m = /"url":"(http:\/\/[^"]+)"[^\n]*listening/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        ok(m[1]);
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => fail(new Error(`sandbox exited with ${code}:\n${out}`)));
  });
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    output: () => out,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface ReceivedCallback {
  readonly headers: Record<string, string | undefined>;
  readonly body: string;
  readonly status: number;
}

export interface Receiver {
  readonly url: string;
  readonly received: ReceivedCallback[];
  /** Statuses to answer the next callbacks about `code` ("*" = any), in order; then 200. */
  respondWith(code: string, ...statuses: number[]): void;
  /** Forgets the statuses queued for `code`. */
  clear(code: string): void;
  /** Resolves once `n` callbacks (any answer) about dossier `code` have arrived. */
  waitFor(code: string, n: number, timeoutMs?: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

/** A local HTTP server recording every callback the sandbox sends. */
export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedCallback[] = [];
  const queues = new Map<string, number[]>();
  const next = (body: string): number => {
    const code = /"dossierCode":"([^"]+)"/.exec(body)?.[1] ?? "";
    return queues.get(code)?.shift() ?? queues.get("*")?.shift() ?? 200;
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const status = next(body);
      received.push({
        headers: {
          "x-portal-timestamp": req.headers["x-portal-timestamp"] as string | undefined,
          "x-portal-signature": req.headers["x-portal-signature"] as string | undefined,
          "content-type": req.headers["content-type"],
        },
        body,
        status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/callbacks/portal`,
    received,
    clear: (code) => queues.delete(code),
    respondWith: (code, ...statuses) => queues.set(code, [...(queues.get(code) ?? []), ...statuses]),
    async waitFor(code, n, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      const about = (): ReceivedCallback[] =>
        received.filter((cb) => cb.body.includes(`"dossierCode":"${code}"`));
      while (about().length < n) {
        if (Date.now() > until)
          throw new Error(`only ${about().length} of ${n} callbacks about ${code} arrived`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return about();
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
