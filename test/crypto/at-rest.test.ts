// Personal data at rest after real turns (form confirmed, form in progress, handoff transcript, an
// officer's reply waiting): the raw SQLite bytes and Redis values hold none of it, the app reads it all.
import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../helpers/app.js";
import { REDIS_TEST_URL, dropRedisKeys, redisReachable, warnRedisSkipped } from "../helpers/stores.js";
import { tempDir } from "../helpers/tmp.js";
import { dataKeysEnv, KEY_A } from "./keys.js";
import { personalTurns, redisValues, SECRETS, sqliteBytes, WAITING_TURN } from "./raw.js";

const apps: TestApp[] = [];
afterAll(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close().catch(() => undefined)));
});
const open = async (env: Record<string, string>, dataDir: string): Promise<TestApp> => {
  const app = await startApp({ PORTAL: "off", ...env }, { dataDir });
  apps.push(app);
  return app;
};

/** The app itself still reads everything back in clear. */
async function readsBack(app: TestApp, conversationId: string, ticketId: string): Promise<void> {
  const [form] = await app.stores.forms.listFor(conversationId);
  expect(form?.values).toMatchObject({
    requester_name: "Nguyễn Văn An",
    requester_id_number: "001203004567",
  });
  const lines = await app.stores.handoffs.transcript(ticketId);
  expect(lines.map((l) => l.text)).toContain("Tôi là Trần Thị Bích, số 0912345678, ở Láng Hạ");
  const waiting = await app.stores.outbox.drain(conversationId);
  expect(waiting.map((r) => r.text).join("\n")).toContain("Chào chị Trần Thị Bích, 0912345678");
  expect((await app.stores.mailbox.head("in", conversationId))?.body).toBe(WAITING_TURN);
  for (const secret of SECRETS) expect(app.logs.join("")).not.toContain(secret);
}

describe("SQLite without DATA_KEYS: the key file", () => {
  it("seals every personal record with a key file made once (0600); the raw file holds no personal data", async () => {
    const dataDir = tempDir("motcua-crypt-sqlite-");
    const app = await open({}, dataDir);
    expect(app.logs.join("")).toMatch(/"source":"key-file-created".*personal data at rest: AES-256-GCM/);
    expect(statSync(join(dataDir, "attachments.key")).mode & 0o777).toBe(0o600);
    const { conversationId, ticketId } = await personalTurns(app, `crypt-${randomUUID()}`);
    const raw = sqliteBytes(dataDir);
    expect(raw).toContain("$mc1$");
    for (const secret of SECRETS) expect(raw).not.toContain(secret);
    await readsBack(app, conversationId, ticketId);
  });
});

const redisUp = await redisReachable();
if (!redisUp) warnRedisSkipped();

describe.runIf(redisUp)("Redis", () => {
  const prefix = `motcua-test-crypt-${randomUUID()}:`;
  afterAll(() => dropRedisKeys(prefix));

  it("with DATA_KEYS: no Redis value holds personal data, and the app reads it all back", async () => {
    const env = { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: prefix, DATA_KEYS: dataKeysEnv(KEY_A) };
    const app = await open(env, tempDir("motcua-crypt-redis-"));
    expect(app.logs.join("")).toMatch(/"source":"DATA_KEYS","keyId":"a2025"/);
    const { conversationId, ticketId } = await personalTurns(app, `crypt-${randomUUID()}`);
    const raw = await redisValues(prefix);
    expect(raw).toContain("$mc1$a2025$");
    for (const secret of SECRETS) expect(raw).not.toContain(secret);
    await readsBack(app, conversationId, ticketId);
  });

  it("without DATA_KEYS: starts, warns that records are stored unencrypted, and they are", async () => {
    const app = await open(
      { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: `${prefix}plain:` },
      tempDir("motcua-crypt-redis-"),
    );
    expect(app.logs.join("")).toMatch(/UNENCRYPTED on Redis: set DATA_KEYS/);
    // The same raw reading does find the data when nothing seals it (so the checks above can fail).
    await personalTurns(app, `crypt-${randomUUID()}`);
    expect(await redisValues(`${prefix}plain:`)).toContain("001203004567");
  });
});
