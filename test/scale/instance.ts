// Real app instances for the scale-out and fault tests: `node --import tsx src/main.ts` as a separate
// process (like `npm start`), on a port chosen up front so it can be restarted at the same address.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { freePort } from "../helpers/net.js";

export const ROOT = resolve(import.meta.dirname, "../..");

/** One chat reply as POST /api/chat returns it. */
export interface WebReply {
  readonly text: string;
  readonly options?: ReadonlyArray<{ id: string; label: string }>;
}

/** A running (or stopped) app process. */
export interface Instance {
  readonly url: string;
  readonly port: number;
  /** Everything the process printed so far, across restarts (JSON log lines). */
  output(): string;
  /** Whether the process is running. */
  alive(): boolean;
  /** Stops the process with `signal` (SIGKILL = crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the process again with the same settings and port. */
  restart(): Promise<void>;
}

/** Settings every test instance shares: no model, silent of nothing (logs are inspected). */
const BASE_ENV: Record<string, string> = {
  HOST: "127.0.0.1",
  LOG_LEVEL: "info",
  OPENAI_API_KEY: "",
  OPENAI_BASE_URL: "",
  LLM: "off",
  KNOWLEDGE_DIR: resolve(ROOT, "knowledge"),
};

function spawnApp(env: Record<string, string>, onOutput: (text: string) => void): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...BASE_ENV, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => onOutput(d.toString()));
  child.stderr?.on("data", (d: Buffer) => onOutput(d.toString()));
  return child;
}

/** Starts an app process with `env` (PORT is chosen here) and waits for "motcua is listening". */
export async function startInstance(env: Record<string, string>, port?: number): Promise<Instance> {
  const chosen = port ?? (await freePort());
  let out = "";
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  async function launch(): Promise<void> {
    const mark = out.length;
    const proc = spawnApp({ ...env, PORT: String(chosen) }, (text) => (out += text));
    child = proc;
    exited = new Promise((done) => proc.once("exit", () => done()));
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`instance did not start:\n${out.slice(mark)}`)), 60_000);
      const check = (): void => {
        if (!out.slice(mark).includes('"msg":"motcua is listening"')) return;
        clearTimeout(timer);
        proc.stdout?.off("data", check);
        ok();
      };
      proc.stdout?.on("data", check);
      proc.once("exit", (code) => {
        clearTimeout(timer);
        fail(new Error(`instance exited with ${code}:\n${out.slice(mark)}`));
      });
    });
  }

  await launch();
  return {
    url: `http://127.0.0.1:${chosen}`,
    port: chosen,
    output: () => out,
    alive: () => child !== null && child.exitCode === null && child.signalCode === null,
    async stop(signal = "SIGTERM") {
      if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    restart: launch,
  };
}

/** One web chat turn over HTTP; returns the status and the parsed body. */
export async function post(
  base: string,
  sessionId: string,
  text: string,
): Promise<{ status: number; replies: WebReply[]; error?: string }> {
  const res = await fetch(`${base}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sessionId, text }),
  });
  const body = (await res.json()) as { replies?: WebReply[]; error?: string };
  return { status: res.status, replies: body.replies ?? [], ...(body.error ? { error: body.error } : {}) };
}

/** One web chat turn that must succeed; returns the replies' texts joined. */
export async function say(base: string, sessionId: string, text: string): Promise<string> {
  const res = await post(base, sessionId, text);
  if (res.status !== 200) throw new Error(`chat answered ${res.status}: ${res.error ?? ""}`);
  return res.replies.map((r) => r.text).join("\n");
}

/** Waits until `check` holds (polling); fails with `what` after `ms` (a deadline, not a speed check). */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 30_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
