// `npx tsx scripts/bench-chat.ts`: in-process turn latency p50/p99 over 10,000 turns (no LLM), and
// /api/chat throughput on loopback with autocannon against a separate server process, SQLite and Redis.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { createApp } from "../src/app/create-app.js";
import { createLogger } from "../src/app/logger.js";
import { loadConfig } from "../src/config/index.js";
import { dropKeys, redisUp } from "./lib/load-instances.js";
import { LOAD_QUESTIONS } from "./lib/load-plan.js";
import { percentile } from "./lib/retrieval-metrics.js";
import { run } from "./lib/setup.js";
import { prng } from "./lib/synthetic-kb.js";

const { values } = parseArgs({
  options: {
    turns: { type: "string", default: "10000" },
    sessions: { type: "string", default: "500" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "32" },
    redis: { type: "string", default: "redis://127.0.0.1:6379" },
  },
});

const RUN = `bench${Date.now().toString(36)}`;
/** One session's conversation: greeting, question, follow-ups, checklist, form start, restart. */
function script(question: string): string[] {
  return [
    "xin chào",
    question,
    "lệ phí bao nhiêu?",
    "mất mấy ngày",
    "nộp ở đâu",
    "tui có căn cước rồi",
    "không",
    "2",
    "điền tờ khai",
    "đồng ý",
    "Nguyễn Văn Thử",
    "001099000001",
    "hủy",
    "bắt đầu lại",
  ];
}

function messageFor(n: number, sessions: number): { session: string; text: string } {
  const s = n % sessions;
  const turn = Math.floor(n / sessions);
  const rand = prng(s + 1);
  const steps = script(LOAD_QUESTIONS[Math.floor(rand() * LOAD_QUESTIONS.length)] ?? "khai sinh");
  return { session: `${RUN}-${s}`, text: steps[turn % steps.length] ?? "xin chào" };
}

function env(dataDir: string, redisUrl: string | null): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${RUN}:` } : {}),
  };
}

/** Sequential turns through assistant.handleTurn (state load/save, lock, retrieval, rendering). */
async function inProcess(label: string, redisUrl: string | null, turns: number, sessions: number) {
  const dataDir = mkdtempSync(join(tmpdir(), "motcua-bench-"));
  const config = loadConfig({ ...process.env, ...env(dataDir, redisUrl) });
  const app = await createApp(config, createLogger("silent"));
  const turn = (n: number) => {
    const { session, text } = messageFor(n, sessions);
    return app.assistant.handleTurn({
      conversationId: `web:${session}`,
      channel: "web",
      text,
      receivedAt: Date.now(),
    });
  };
  for (let n = 0; n < 500; n++) await turn(turns + n); // warm-up on other sessions' turns
  const times: number[] = [];
  const t0 = performance.now();
  for (let n = 0; n < turns; n++) {
    const s = performance.now();
    await turn(n);
    times.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return [
    label,
    String(turns),
    percentile(times, 50).toFixed(2),
    percentile(times, 99).toFixed(2),
    (times.at(-1) ?? 0).toFixed(1),
    ((turns / total) * 1000).toFixed(0),
    (process.memoryUsage().rss / 1024 / 1024).toFixed(0),
  ];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(port: number, extra: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { ...process.env, ...extra, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error("server did not start within 60 s");
}

/** autocannon against a separate server process (the server gets its own core). */
async function overHttp(label: string, redisUrl: string | null, sessions: number) {
  const dataDir = mkdtempSync(join(tmpdir(), "motcua-bench-http-"));
  const port = await freePort();
  const child = await startServer(port, env(dataDir, redisUrl));
  let n = 0;
  const next = (): string => {
    const { session, text } = messageFor(n++, sessions);
    return JSON.stringify({ sessionId: session.replace(/[^\w-]/g, "-"), text });
  };
  const load = (duration: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: Number(values.connections),
      duration,
      requests: [
        {
          method: "POST",
          path: "/api/chat",
          headers: { "content-type": "application/json" },
          setupRequest: (req) => ({ ...req, body: next() }),
        },
      ],
    });
  try {
    await load(3); // warm-up (JIT, caches), not counted: the figure is steady-state throughput
    const result = await load(Number(values.duration));
    return [
      label,
      String(result.requests.total),
      result.requests.average.toFixed(0),
      String(result.latency.p50),
      String(result.latency.p99),
      String(result.non2xx + result.errors + result.timeouts),
    ];
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

run(async () => {
  const turns = Number(values.turns);
  const sessions = Number(values.sessions);
  const redisUrl = (await redisUp(values.redis)) ? values.redis : null;
  if (!redisUrl) console.log(`(Redis not reachable at ${values.redis}: Redis rows skipped)`);
  try {
    console.log(`\nIn-process turns (no LLM), ${sessions} sessions, sequential`);
    const rows = [await inProcess("sqlite", null, turns, sessions)];
    if (redisUrl) rows.push(await inProcess("redis", redisUrl, turns, sessions));
    table(["backend", "turns", "p50 ms", "p99 ms", "max ms", "turns/s", "RSS MB"], rows);
    console.log(`\nPOST /api/chat over loopback, ${values.connections} connections, ${values.duration} s`);
    const http = [await overHttp("sqlite", null, sessions)];
    if (redisUrl) http.push(await overHttp("redis", redisUrl, sessions));
    table(["backend", "requests", "req/s", "p50 ms", "p99 ms", "errors"], http);
  } finally {
    if (redisUrl) await dropKeys(redisUrl, `${RUN}:`);
  }
});
