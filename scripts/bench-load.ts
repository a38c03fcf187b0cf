// `npm run bench:load`: 10,000 messages from 1,000 simulated users over web chat, Telegram and Zalo
// webhooks (emulated Bot APIs on 127.0.0.1), SQLite × 1 instance and Redis × 2; prints a table.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { createLoadDriver, chatKey, TELEGRAM_SECRET, ZALO_SECRET } from "./lib/load-driver.js";
import { dropKeys, redisUp, startAppProcess, type AppProcess } from "./lib/load-instances.js";
import { report, type Outcome } from "./lib/load-report.js";
import { ReplyTracker } from "./lib/load-tracker.js";
import { run } from "./lib/setup.js";
import { startTelegramEmulator } from "./lib/telegram-emulator.js";
import { startZaloEmulator } from "./lib/zalo-emulator.js";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "1000" },
    messages: { type: "string", default: "10000" },
    rate: { type: "string", default: "100" },
    timeout: { type: "string", default: "10000" },
    "redeliver-every": { type: "string", default: "20" },
    redis: { type: "string", default: "redis://127.0.0.1:6379" },
    only: { type: "string", default: "" },
    /** Writes a V8 CPU profile of each app process into this folder (for finding bottlenecks). */
    profile: { type: "string", default: "" },
  },
});
const USERS = Number(values.users);
const MESSAGES = Number(values.messages);
const RATE = Number(values.rate);
const TIMEOUT_MS = Number(values.timeout);
const RUN = `load${Date.now().toString(36)}`;
const TG_TOKEN = "123456:load-bench-token";
const ZALO_TOKEN = "7654321:load-bench-token";
const WARM_UP_USERS = 60;

const busyText = (
  parse(readFileSync(resolve(import.meta.dirname, "../prompts/replies.vi.yaml"), "utf8")) as Record<
    string,
    string
  >
)["error.busy"]!.slice(0, 30);

let tracker = new ReplyTracker(busyText);

const cpuSeconds = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1e6;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** Emulated Bot APIs: every sendMessage is a bubble observed for its chat. */
async function emulators() {
  const telegram = await startTelegramEmulator(TG_TOKEN, {
    record: false,
    onCall: (c) => {
      if (c.method === "sendMessage")
        tracker.observe(chatKey("telegram", String(c.payload.chat_id)), String(c.payload.text));
    },
  });
  const zalo = await startZaloEmulator({
    token: ZALO_TOKEN,
    record: false,
    onCall: (c) => {
      if (c.method === "sendMessage" && c.failedWith === null)
        tracker.observe(chatKey("zalo", String(c.body.chat_id)), String(c.body.text));
    },
  });
  return { telegram, zalo };
}

function appEnv(apis: { telegram: string; zalo: string }, dataDir: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    LLM: "off",
    PORTAL: "off",
    // Every simulated user comes from 127.0.0.1: the per-address web limit would throttle them all.
    RATE_LIMIT_IP_PER_MINUTE: "0",
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    TELEGRAM_API_ROOT: apis.telegram,
    ZALO_BOT_TOKEN: ZALO_TOKEN,
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    ZALO_API_ROOT: apis.zalo,
    // The emulators have no flood limit; in production the platforms' limits apply (defaults 25/s, 15/s).
    TELEGRAM_SEND_PER_SECOND: "100000",
    ZALO_SEND_PER_SECOND: "100000",
    FILES_SECRET: `load-bench-files-secret-${RUN}-0123456789`,
  };
}

/** Runs the whole load against `apps`: warm-up (not counted), then MESSAGES at RATE per second. */
async function drive(label: string, apps: readonly AppProcess[]): Promise<Outcome> {
  tracker = new ReplyTracker(busyText);
  const driver = createLoadDriver({
    run: RUN,
    instances: apps.map((a) => a.url),
    tracker,
    timeoutMs: TIMEOUT_MS,
    redeliverEvery: Number(values["redeliver-every"]),
  });
  for (let k = 0; k < 3; k++)
    await Promise.all(Array.from({ length: WARM_UP_USERS }, (_, i) => driver.send(USERS + i, k, false)));
  const cpuBefore = apps.reduce((n, a) => n + a.cpuSeconds(), 0);
  const driverBefore = process.cpuUsage();
  const perUser = Math.ceil(MESSAGES / USERS);
  const t0 = performance.now() + 100;
  const user = async (u: number) => {
    for (let k = 0; k < perUser; k++) {
      const index = k * USERS + u;
      if (index >= MESSAGES) return;
      await sleep(t0 + (index / RATE) * 1000 - performance.now());
      await driver.send(u, k);
    }
  };
  await Promise.all(Array.from({ length: USERS }, (_, u) => user(u)));
  await sleep(1000); // late duplicates still count
  tracker.closeAll();
  for (const [reason, n] of driver.failures) console.log(`  ${n} × ${reason}`);
  const end = Math.max(...tracker.messages.map((m) => m.lastAt ?? m.sentAt));
  return {
    label,
    messages: tracker.messages,
    seconds: (end - t0) / 1000,
    redelivered: driver.redelivered(),
    strays: tracker.strays,
    memory: apps.map((a) => a.memory()),
    appCpu: apps.reduce((n, a) => n + a.cpuSeconds(), 0) - cpuBefore,
    driverCpu: cpuSeconds(process.cpuUsage(driverBefore)),
    load: loadavg()[0] ?? NaN,
  };
}

const nodeArgs = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${resolve(values.profile)}`] : [];

async function scenario(
  label: string,
  count: number,
  env: (i: number) => Record<string, string>,
): Promise<Outcome> {
  const dirs = Array.from({ length: count }, () => mkdtempSync(join(tmpdir(), "motcua-load-")));
  const apps: AppProcess[] = [];
  try {
    for (let i = 0; i < count; i++)
      apps.push(await startAppProcess({ ...env(i), DATA_DIR: dirs[i]! }, nodeArgs));
    console.log(`${label}: ${count} instance(s) up, sending…`);
    return await drive(label, apps);
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

run(async () => {
  const apis = await emulators();
  const urls = { telegram: apis.telegram.url, zalo: apis.zalo.url };
  const redis = (await redisUp(values.redis)) ? values.redis : null;
  const outcomes: Outcome[] = [];
  try {
    if (values.only !== "redis") outcomes.push(await scenario("sqlite ×1", 1, () => appEnv(urls, "")));
    if (!redis) console.log(`(Redis not reachable at ${values.redis}: the Redis ×2 row is skipped)`);
    else if (values.only !== "sqlite")
      outcomes.push(
        await scenario("redis ×2", 2, () => ({
          ...appEnv(urls, ""),
          REDIS_URL: redis,
          REDIS_KEY_PREFIX: `${RUN}:`,
        })),
      );
    report(outcomes, { messages: MESSAGES, users: USERS, rate: RATE, timeoutMs: TIMEOUT_MS });
  } finally {
    if (redis) await dropKeys(redis, `${RUN}:`);
    await apis.telegram.close();
    await apis.zalo.close();
  }
});
