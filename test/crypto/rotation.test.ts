// Key rotation on both backends: records sealed with key A (and plain ones from before encryption)
// stay readable with DATA_KEYS=B,A; `keys:rotate` re-seals them all under B, so B alone reads them;
// with a wrong key they read as damaged (logged without content) and other conversations carry on.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { initialState } from "../../src/core/dialogue/state.js";
import type { Stores } from "../../src/core/ports.js";
import { rotateStoredRecords } from "../../src/storage/encrypted/rotate-run.js";
import { createRedisStores, createSqliteStores } from "../../src/storage/index.js";
import { chat, startApp, type TestApp } from "../helpers/app.js";
import { REDIS_TEST_URL, dropRedisKeys, redisReachable, warnRedisSkipped } from "../helpers/stores.js";
import { tempDir } from "../helpers/tmp.js";
import { dataKeysEnv, KEY_A, KEY_B, KEY_C } from "./keys.js";
import { personalTurns, redisValues, SECRETS, WAITING_TURN } from "./raw.js";

const LEGACY = "web:legacy-plain";
const legacyState = {
  ...initialState(Date.now()),
  topic: "khai-sinh",
  consent: true,
  pending: { kind: "form-field" as const },
  form: { slug: "khai-sinh", step: 1, values: { requester_name: "Lê Thị Cũ" }, editing: null, attempts: 0 },
};

/** Writes records the way the app stored them before encryption existed (plain JSON). */
async function writeLegacy(stores: Stores): Promise<void> {
  await stores.conversations.save(LEGACY, legacyState);
  await stores.forms.save({
    id: `legacy-${randomUUID()}`,
    conversationId: LEGACY,
    procedure: "khai-sinh",
    values: { requester_name: "Lê Thị Cũ" },
    confirmedAt: Date.now(),
  });
  await stores.close();
}

interface Harness {
  /** Starts the app with these DATA_KEYS on the scenario's backend. */
  start(dataKeys: string): Promise<TestApp>;
  legacyStores(): Promise<Stores>;
  /** Every stored value, raw. */
  raw(): Promise<string>;
  rotate(keys: string): Promise<{ resealed: number; unreadable: Record<string, number> }>;
}

function rotationScenario(h: Harness): void {
  const apps: TestApp[] = [];
  afterAll(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close().catch(() => undefined)));
  });
  const run = async <T>(dataKeys: string, fn: (app: TestApp) => Promise<T>): Promise<T> => {
    const app = await h.start(dataKeys);
    apps.push(app);
    try {
      return await fn(app);
    } finally {
      apps.splice(apps.indexOf(app), 1);
      await app.close();
    }
  };
  const readable = async (app: TestApp, ids: { conversationId: string; ticketId: string }) => {
    const [form] = await app.stores.forms.listFor(ids.conversationId);
    expect(form?.values.requester_id_number).toBe("001203004567");
    expect((await app.stores.conversations.load(ids.conversationId))?.form?.values.requester_phone).toBe(
      "0912345678",
    );
    expect((await app.stores.handoffs.transcript(ids.ticketId)).map((l) => l.text)).toContain(
      "Tôi là Trần Thị Bích, số 0912345678, ở Láng Hạ",
    );
    expect((await app.stores.mailbox.head("in", ids.conversationId))?.body).toBe(WAITING_TURN);
    expect((await app.stores.conversations.load(LEGACY))?.form?.values).toEqual({
      requester_name: "Lê Thị Cũ",
    });
    expect((await app.stores.forms.listFor(LEGACY))[0]?.values).toEqual({ requester_name: "Lê Thị Cũ" });
  };

  it("A → B,A (readable) → keys:rotate → B alone reads everything; a wrong key reads as damaged", async () => {
    const session = `rotate-${randomUUID()}`;
    const ids = await run(dataKeysEnv(KEY_A), (app) => personalTurns(app, session));
    await writeLegacy(await h.legacyStores());
    expect(await h.raw()).toContain("Lê Thị Cũ"); // written before encryption: plain

    await run(dataKeysEnv(KEY_B, KEY_A), (app) => readable(app, ids));

    const report = await h.rotate(dataKeysEnv(KEY_B, KEY_A));
    expect(report.unreadable).toEqual({});
    expect(report.resealed).toBeGreaterThanOrEqual(5);
    const raw = await h.raw();
    expect(raw).toContain("$mc1$b2026$");
    expect(raw).not.toContain("$mc1$a2025$");
    for (const secret of [...SECRETS, "Lê Thị Cũ"]) expect(raw).not.toContain(secret);

    await run(dataKeysEnv(KEY_B), (app) => readable(app, ids));

    await run(dataKeysEnv(KEY_C), async (app) => {
      expect(await app.stores.forms.listFor(ids.conversationId)).toEqual([]);
      expect(await app.stores.conversations.load(ids.conversationId)).toBeNull();
      expect((await chat(app, session, "xin chào")).length).toBeGreaterThan(0); // a polite fresh start
      const other = await chat(app, `other-${randomUUID()}`, "làm giấy khai sinh cần gì");
      expect(other.map((r) => r.text).join("\n")).toMatch(/khai sinh/i);
      const logs = app.logs.join("");
      expect(logs).toMatch(/"kind":"form","keyId":"b2026","reason":"unknown-key"/);
      expect(logs).toContain("sealed with a key missing from DATA_KEYS");
      for (const secret of SECRETS) expect(logs).not.toContain(secret);
      expect(logs).not.toContain(ids.conversationId);
    });
  });
}

describe("rotation on SQLite (npm run keys:rotate)", () => {
  const dataDir = tempDir("motcua-rotate-");
  const exec = promisify(execFile);
  rotationScenario({
    start: (keys) => startApp({ PORTAL: "off", DATA_KEYS: keys }, { dataDir }),
    legacyStores: () =>
      Promise.resolve(createSqliteStores({ path: join(dataDir, "motcua.sqlite"), ttlSeconds: 86_400 })),
    raw: () => {
      const db = new Database(join(dataDir, "motcua.sqlite"), { readonly: true });
      try {
        const tables = [
          "conversations",
          "forms",
          "transcripts",
          "outbox",
          "mailbox",
          "dossiers",
          "handoffs",
          "question_log",
        ];
        return Promise.resolve(
          tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t}`).all())).join("\n"),
        );
      } finally {
        db.close();
      }
    },
    rotate: async (keys) => {
      const { stdout } = await exec("npx", ["tsx", "scripts/rotate-keys.ts"], {
        env: { ...process.env, DATA_DIR: dataDir, DATA_KEYS: keys, REDIS_URL: "" },
      });
      expect(stdout).toContain('backend sqlite, current key "b2026"');
      expect(stdout).toContain("Done: every record uses the current key");
      const resealed = [...stdout.matchAll(/(\d+) resealed/g)].reduce((n, m) => n + Number(m[1]), 0);
      return { resealed, unreadable: {} };
    },
  });
});

const redisUp = await redisReachable();
if (!redisUp) warnRedisSkipped();

describe.runIf(redisUp)("rotation on Redis (SCAN)", () => {
  const prefix = `motcua-test-rotate-${randomUUID()}:`;
  const dataDir = tempDir("motcua-rotate-redis-");
  afterAll(() => dropRedisKeys(prefix));
  rotationScenario({
    start: (keys) =>
      startApp(
        { PORTAL: "off", REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: prefix, DATA_KEYS: keys },
        { dataDir },
      ),
    legacyStores: () => createRedisStores({ url: REDIS_TEST_URL, ttlSeconds: 86_400, keyPrefix: prefix }),
    raw: () => redisValues(prefix),
    rotate: async () => {
      const { report } = await rotateStoredRecords({
        configured: [KEY_B, KEY_A],
        attachmentsKey: null,
        dataDir,
        redisUrl: REDIS_TEST_URL,
        redisKeyPrefix: prefix,
      });
      return {
        resealed: Object.values(report.resealed).reduce((a, b) => a + b, 0),
        unreadable: report.unreadable,
      };
    },
  });
});
