// Telegram webhook figures: how fast POST /telegram/webhook answers (the turn runs later on the job
// queue) and how replies then flow to a local Bot API sink (the per-channel rate limit shows here).
// Usage: npx tsx scripts/bench-telegram.ts [--updates 300]
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createApp } from "../src/app/create-app.js";
import { createLogger } from "../src/app/logger.js";
import { loadConfig } from "../src/config/index.js";

const arg = process.argv.indexOf("--updates");
const N = arg > 0 ? Number(process.argv[arg + 1]) : 300;
const TOKEN = "123456:bench-token";
const SECRET = "bench_secret";

/** A Bot API that accepts everything and notes when each chat got its first message. */
async function sink() {
  const firstAt = new Map<string, number>();
  const sendTimes: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = (req.url ?? "").split("/").pop() ?? "";
      if (method === "sendMessage") {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { chat_id: string };
        const now = performance.now();
        sendTimes.push(now);
        if (!firstAt.has(String(body.chat_id))) firstAt.set(String(body.chat_id), now);
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ok: true,
          result:
            method === "sendMessage" ? { message_id: 1, date: 0, chat: { id: 1, type: "private" } } : true,
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, firstAt, sendTimes, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function main(): Promise<void> {
  const api = await sink();
  const dir = mkdtempSync(join(tmpdir(), "motcua-bench-tg-"));
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: "silent",
    PORTAL: "off",
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: api.url,
  });
  const quiet = new Writable({ write: (_c, _e, cb) => cb() });
  const app = await createApp(config, createLogger("silent", quiet));
  const post = (id: number, text: string) =>
    app.http.request("/telegram/webhook", {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: JSON.stringify({
        update_id: id,
        message: {
          message_id: id,
          date: 0,
          chat: { id, type: "private" },
          from: { id, is_bot: false, first_name: "A" },
          text,
        },
      }),
    });
  const acks: number[] = [];
  const postedAt = new Map<string, number>();
  for (let i = 1; i <= N; i++) {
    const t = performance.now();
    postedAt.set(String(i), t);
    const res = await post(i, "xin chào");
    acks.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  }
  const dupStart = performance.now();
  for (let i = 1; i <= N; i++) await post(i, "xin chào"); // Telegram re-sending: all duplicates
  const dupMs = (performance.now() - dupStart) / N;
  while (api.firstAt.size < N) await new Promise((r) => setTimeout(r, 50));
  const delivery = [...api.firstAt].map(([chat, at]) => at - (postedAt.get(chat) ?? at));
  const span = (Math.max(...api.sendTimes) - Math.min(...api.sendTimes)) / 1000;
  console.log(`updates: ${N} (one greeting reply each), SQLite stores + SQLite job queue, in-process HTTP`);
  console.log(
    `webhook answer: p50 ${ms(pct(acks, 50))}, p99 ${ms(pct(acks, 99))}, max ${ms(Math.max(...acks))}`,
  );
  console.log(
    `duplicate update answer: mean ${ms(dupMs)}; messages sent: ${api.sendTimes.length} (expected ${N})`,
  );
  console.log(
    `update → first message at the Bot API: p50 ${ms(pct(delivery, 50))}, p99 ${ms(pct(delivery, 99))}`,
  );
  console.log(
    `send rate: ${(api.sendTimes.length / Math.max(span, 0.001)).toFixed(1)} messages/s (limit 25/s)`,
  );
  await app.close();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
