// Resume codes over time: the real assistant on SQLite stores whose clock the test moves, so a code
// dies after 30 minutes and the guessing limit lifts after an hour, without waiting that long.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpRetrieval } from "../../src/app/retrieval.js";
import { loadTemplates } from "../../src/app/templates.js";
import { loadConfig } from "../../src/config/index.js";
import { createAssistant, type Assistant } from "../../src/core/assistant.js";
import { createNlu } from "../../src/core/dialogue/index.js";
import type { EventLog } from "../../src/core/ports.js";
import { notConnectedDossierPort, unavailableStatusPort } from "../../src/portal/unavailable.js";
import { createSqliteStores } from "../../src/storage/index.js";
import { KNOWLEDGE_DIR, realKb } from "../helpers/kb.js";
import { tempDir } from "../helpers/tmp.js";

const MINUTE = 60_000;
const dir = tempDir("motcua-resume-expiry-");
let clock = Date.now();
const events: string[] = [];
const record = (event: string, data: Readonly<Record<string, unknown>> = {}): void =>
  void events.push(JSON.stringify({ event, ...data }));
const log: EventLog = { info: record, warn: record, error: record };
let assistant: Assistant;

const say = async (conversationId: string, text: string): Promise<string> => {
  const channel = conversationId.startsWith("web:") ? "web" : "zalo";
  const replies = await assistant.handleTurn({ conversationId, channel, text, receivedAt: clock });
  return replies.map((r) => r.text).join("\n");
};
const codeFor = async (conversationId: string): Promise<string> =>
  /tiếp tục ([2-9A-Z]{6})/.exec(await say(conversationId, "mã tiếp tục"))?.[1] ?? "";
const id = (channel: string): string => `${channel}:${randomUUID()}`;

beforeAll(async () => {
  const kb = realKb();
  const config = loadConfig({ DATA_DIR: dir, KNOWLEDGE_DIR, LOG_LEVEL: "silent" });
  const { retriever } = await setUpRetrieval(config, kb);
  const now = (): number => clock;
  assistant = createAssistant({
    kb,
    nlu: createNlu(kb),
    templates: loadTemplates(),
    retriever,
    stores: createSqliteStores({ path: join(dir, "motcua.sqlite"), ttlSeconds: 30 * 86_400, now }),
    status: unavailableStatusPort(),
    dossiers: notConnectedDossierPort(),
    model: null,
    clock: { now },
    newId: randomUUID,
    log,
  });
}, 60_000);

describe("resume codes over time", () => {
  it("accepts a code until 30 minutes have passed", async () => {
    const web = id("web");
    expect(await say(web, "làm hộ chiếu cần gì")).toContain("hộ chiếu");
    const code = await codeFor(web);
    clock += 29 * MINUTE;
    const moved = await say(id("zalo"), `tiếp tục ${code}`);
    expect(moved).toContain("Đã chuyển cuộc trò chuyện từ trang web");
    expect(moved).toContain("Anh/chị đang hỏi về thủ tục «Cấp hộ chiếu phổ thông");
  });

  it("refuses a code after 30 minutes, politely", async () => {
    const code = await codeFor(id("web"));
    clock += 31 * MINUTE;
    const late = await say(id("zalo"), `tiếp tục ${code}`);
    expect(late).toContain("Mã tiếp tục không đúng, đã hết hạn hoặc đã được dùng rồi");
    expect(late).toContain("còn 4 lần thử");
  });

  it("lifts the guessing limit an hour after the first wrong code", async () => {
    const guesser = id("zalo");
    for (const guess of ["QQQ222", "QQQ223", "QQQ224", "QQQ225"]) await say(guesser, `tiếp tục ${guess}`);
    clock += 30 * MINUTE;
    expect(await say(guesser, "tiếp tục QQQ226")).toContain("quá nhiều lần");
    expect(await say(guesser, `tiếp tục ${await codeFor(id("web"))}`)).toContain("quá nhiều lần");
    clock += 31 * MINUTE;
    expect(await say(guesser, `tiếp tục ${await codeFor(id("web"))}`)).toContain("Đã chuyển cuộc trò chuyện");
  });

  it("reports codes, refusals and moves to the log without codes or conversation ids", () => {
    const text = events.join("\n");
    expect(text).toContain('"event":"resume.issued"');
    expect(text).toContain('"event":"resume.refused"');
    expect(text).toContain('"event":"resume.moved"');
    expect(text).not.toMatch(/web:|zalo:|[2-9A-HJKMNP-Z]{6}/);
  });
});
