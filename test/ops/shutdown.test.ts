// Graceful shutdown of the real server process: SIGTERM while a web chat turn and a Telegram turn
// (on the job queue) are both waiting on the language model → new connections are refused, the web
// reply arrives, the Telegram turn finishes with its reply queued durably, and the process exits 0.
import { spawn } from "node:child_process";
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
afterAll(async () => {
  await fake?.close();
  await emu?.close();
});

/** Starts `src/main.ts`; resolves with its URL once it listens. */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", LOG_LEVEL: "info", REDIS_URL: "", ...env },
  });
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
});
