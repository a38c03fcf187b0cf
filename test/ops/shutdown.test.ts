// Graceful shutdown of the real server process: in-flight web and queued Telegram turns finish after
// SIGTERM and the process exits 0; with SHUTDOWN_DRAIN_MS everything is still served (/readyz 503) first.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../helpers/fake-openai.js";
import { startTelegramEmulator, type TelegramEmulator } from "../helpers/telegram-emulator.js";
import { tempDir } from "../helpers/tmp.js";
import { textUpdate, textsTo, until } from "../channels/telegram/updates.js";

const ROOT = resolve(import.meta.dirname, "../..");
const SECRET = "shutdown_Secret-1";
let fake: FakeOpenAI;
let emu: TelegramEmulator;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  emu = await startTelegramEmulator();
});
const children: ChildProcess[] = [];
afterAll(async () => {
  // A failed test may leave its server running (a drain not cut short, say).
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await fake?.close();
  await emu?.close();
});

/** Starts `src/main.ts`; resolves with its URL once it listens. */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", LOG_LEVEL: "info", REDIS_URL: "", ...env },
  });
  children.push(child);
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const exit = new Promise<number | null>((res) => child.once("exit", (code) => res(code)));
  const url = new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no start-up line:\n${out}`)), 30_000);
    child.stdout.on("data", () => {
      const m = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"motcua is listening"/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
  });
  return { child, url, exit, output: () => out };
}

describe("graceful shutdown", () => {
  it("finishes in-flight turns (web and queued Telegram) after SIGTERM and exits 0", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let waiting = 0;
    // Every model call waits at the gate: both turns are mid-flight when the signal comes.
    for (let i = 0; i < 8; i++)
      fake.chatReplies.push(async () => {
        waiting++;
        await gate;
        return "Không có thông tin.";
      });
    const dataDir = tempDir();
    const env = {
      DATA_DIR: dataDir,
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: "test",
      OPENAI_MODEL: "fake-chat",
      EMBEDDINGS: "local",
      PORTAL: "off",
      TELEGRAM_BOT_TOKEN: emu.token,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: emu.url,
    };
    const server = startServer(env);
    const url = await server.url;
    const web = fetch(`${url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", connection: "close" },
      body: JSON.stringify({ sessionId: "shutdown-web-1", text: "làm giấy khai sinh cần gì" }),
    });
    const hook = await fetch(`${url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: JSON.stringify(textUpdate(9101, "làm giấy khai sinh cần gì")),
    });
    expect(hook.status).toBe(200);
    await until(() => waiting >= 2, 20_000);

    server.child.kill("SIGTERM");
    await until(() => server.output().includes('"msg":"shutting down"'));
    // No new connections once shutting down.
    await expect(fetch(`${url}/healthz`, { headers: { connection: "close" } })).rejects.toThrow();
    release();

    const res = await web;
    expect(res.status).toBe(200);
    const body = (await res.json()) as { replies: Array<{ text: string }> };
    expect(body.replies.map((r) => r.text).join("\n")).toContain("khai sinh");
    expect(await server.exit).toBe(0);
    expect(server.output()).toContain('"msg":"shut down cleanly"');
    expect(server.output()).not.toContain("turn.failed");

    // The Telegram turn ran to its end: its reply was queued durably before the queue closed and
    // is sent once the server is back (another instance would send it at once with Redis).
    const again = startServer(env);
    await again.url;
    await until(() => textsTo(emu, 9101).join("\n").includes("khai sinh"), 20_000);
    again.child.kill("SIGTERM");
    expect(await again.exit).toBe(0);
  }, 60_000);

  it("with SHUTDOWN_DRAIN_MS keeps serving (readyz 503, healthz 200, chat turns) before exiting 0", async () => {
    // Long enough for the three requests below even on a loaded machine; then it runs out by itself.
    const server = startServer(drainEnv("6000"));
    const url = await server.url;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    server.child.kill("SIGTERM");
    await until(() => server.output().includes('"msg":"draining: /readyz answers 503, still serving"'));
    await expectDraining(url, "shutdown-drain-1");

    expect(await server.exit).toBe(0);
    const out = server.output();
    expect(out.indexOf('"msg":"drain over, closing the port"')).toBeGreaterThan(
      out.indexOf('"msg":"draining'),
    );
    expect(out).toContain('"msg":"shut down cleanly"');
    expect(out).not.toContain("second signal");
  }, 60_000);

  it("a second SIGTERM during the drain cuts it short instead of starting a second shutdown", async () => {
    // The drain (60 s) outlasts this test's time limit: only the second signal can end it in time.
    const server = startServer(drainEnv("60000", "120000"));
    const url = await server.url;
    server.child.kill("SIGTERM");
    await until(() => server.output().includes('"msg":"draining: /readyz answers 503, still serving"'));
    await expectDraining(url, "shutdown-drain-2");

    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
    const out = server.output();
    expect(out).toContain('"msg":"second signal: drain cut short"');
    expect(out.match(/"msg":"shutting down"/g)).toHaveLength(1);
    expect(out.match(/"msg":"shut down cleanly"/g)).toHaveLength(1);
  }, 30_000);
});

/** A server without model or portal (rules and templates answer), draining for `drainMs`. */
function drainEnv(drainMs: string, timeoutMs = "15000"): Record<string, string> {
  return {
    DATA_DIR: tempDir(),
    OPENAI_API_KEY: "",
    OPENAI_BASE_URL: "",
    EMBEDDINGS: "local",
    PORTAL: "off",
    SHUTDOWN_DRAIN_MS: drainMs,
    SHUTDOWN_TIMEOUT_MS: timeoutMs,
  };
}

/** During the drain: /readyz 503 "shutting down", /healthz 200, and a chat turn answered as usual. */
async function expectDraining(url: string, sessionId: string): Promise<void> {
  const ready = await fetch(`${url}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({ status: "not-ready", reason: "shutting down" });
  const health = await fetch(`${url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  const res = await fetch(`${url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sessionId, text: "làm giấy khai sinh cần gì" }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { replies: Array<{ text: string }> };
  expect(body.replies.map((r) => r.text).join("\n")).toContain("khai sinh");
}
