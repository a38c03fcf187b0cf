// `npx tsx scripts/bench-approved.ts`: what approved answers cost a citizen's turn (in-process p50/p99
// with 0 and N stored answers, SQLite and Redis), and first/cached rendering of a printable checklist.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createApp, type MotcuaApp } from "../src/app/create-app.js";
import { createLogger } from "../src/app/logger.js";
import { loadConfig } from "../src/config/index.js";
import { createChecklistService } from "../src/receipts/checklist-files.js";
import { dropKeys, redisUp } from "./lib/load-instances.js";
import { percentile } from "./lib/retrieval-metrics.js";
import { run } from "./lib/setup.js";

const { values } = parseArgs({
  options: {
    turns: { type: "string", default: "3000" },
    answers: { type: "string", default: "200" },
    redis: { type: "string", default: "redis://127.0.0.1:6379" },
  },
});

const QUESTIONS = [
  "làm giấy khai sinh cần những giấy tờ gì",
  "lệ phí làm hộ chiếu bao nhiêu",
  "đăng ký tạm trú nộp ở đâu",
  "đổi bằng lái xe mất mấy ngày",
  "xin giấy xác nhận độc thân cần gì",
  "sổ đỏ lần đầu cần giấy tờ gì",
];

/** `count` approved answers: rewordings of every procedure's name with each question kind. */
async function seed(app: MotcuaApp, count: number): Promise<void> {
  const kinds = ["cần giấy tờ gì", "lệ phí bao nhiêu", "nộp ở đâu", "mất bao lâu", "làm online được không"];
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const p = app.kb.procedures[i % app.kb.procedures.length];
    const kind = kinds[Math.floor(i / app.kb.procedures.length) % kinds.length] ?? "";
    await app.stores.approvedAnswers.put({
      id: randomUUID(),
      question: `${p?.name ?? ""} ${kind} (${i})`,
      procedure: p?.slug ?? null,
      answer: "Câu trả lời mẫu.",
      reviewer: "Cán bộ thử",
      approvedAt: now,
      expiresAt: now + 3_600_000,
    });
  }
}

async function turns(app: MotcuaApp, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const text = QUESTIONS[i % QUESTIONS.length] ?? "";
    const s = performance.now();
    await app.assistant.handleTurn({
      conversationId: `web:b${i % 300}`,
      channel: "web",
      text,
      receivedAt: Date.now(),
    });
    times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b);
}

async function backend(
  label: string,
  redisUrl: string | null,
  n: number,
  answers: number,
): Promise<string[][]> {
  const dataDir = mkdtempSync(join(tmpdir(), "motcua-bench-approved-"));
  const prefix = `bench-approved-${Date.now().toString(36)}:`;
  const env = { DATA_DIR: dataDir, LOG_LEVEL: "silent", PORTAL: "off" };
  const config = loadConfig({
    ...env,
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix } : {}),
  });
  const app = await createApp(config, createLogger("silent"));
  await turns(app, 300); // warm-up
  const rows: string[][] = [];
  for (const stored of [0, answers]) {
    if (stored > 0) await seed(app, stored);
    const t = await turns(app, n);
    rows.push([label, String(stored), String(n), percentile(t, 50).toFixed(2), percentile(t, 99).toFixed(2)]);
  }
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (redisUrl) await dropKeys(redisUrl, prefix);
  return rows;
}

async function checklistTimes(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), "motcua-bench-checklist-"));
  const app = await createApp(
    loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", PORTAL: "off" }),
    createLogger("silent"),
  );
  const service = createChecklistService({ kb: app.kb, secret: "x".repeat(32), ttlSeconds: 60 });
  const time = async (format: "pdf" | "png") => {
    const s = performance.now();
    await service.render("khai-sinh", format);
    return (performance.now() - s).toFixed(0);
  };
  const [pdf, png, pdfAgain] = [await time("pdf"), await time("png"), await time("pdf")];
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  return `checklist khai-sinh: PDF ${pdf} ms, PNG ${png} ms (first), cached ${pdfAgain} ms`;
}

run(async () => {
  const n = Number(values.turns);
  const answers = Number(values.answers);
  const rows = await backend("sqlite", null, n, answers);
  if (await redisUp(values.redis)) rows.push(...(await backend("redis", values.redis, n, answers)));
  else console.log("Redis not reachable: Redis rows skipped");
  console.log("backend  approved  turns  p50 ms  p99 ms");
  for (const r of rows) console.log(r.map((c, i) => c.padEnd([9, 10, 7, 8, 8][i] ?? 8)).join(""));
  console.log(await checklistTimes());
});
