// Attaching photos on Redis through the real application: without ATTACHMENTS_KEY attaching is off
// (instances must share a key) and the citizen is told; with it, the photo is sealed in Redis and
// erased with "xóa dữ liệu". Skipped with a notice when no Redis answers on 127.0.0.1:6379.
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEY_FILE } from "../../src/photos/index.js";
import { documentPhoto } from "../../scripts/lib/synthetic-photos.js";
import { startApp, type TestApp } from "../helpers/app.js";
import { REDIS_TEST_URL, dropRedisKeys, redisReachable, warnRedisSkipped } from "../helpers/stores.js";

const reachable = await redisReachable();
if (!reachable) warnRedisSkipped();

describe.skipIf(!reachable)("photo attachments on redis", () => {
  const prefix = `motcua-test:photos-${randomUUID()}:`;
  let photo: Buffer;
  const opened: TestApp[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const app = await startApp({ REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: prefix, ...env });
    opened.push(app);
    return app;
  };
  const send = async (app: TestApp, conversationId: string, text: string, bytes?: Uint8Array) =>
    (
      await app.assistant.handleTurn({
        conversationId,
        channel: "telegram",
        text,
        receivedAt: Date.now(),
        ...(bytes ? { attachment: { bytes, mime: "image/jpeg" } } : {}),
      })
    )
      .map((r) => r.text)
      .join("\n");

  beforeAll(async () => {
    photo = await documentPhoto({ width: 1400, height: 1000, seed: 9 });
  });
  afterAll(async () => {
    await Promise.all(opened.map((a) => a.close()));
    await dropRedisKeys(prefix);
  });

  it("without ATTACHMENTS_KEY keeps nothing, says so politely, and makes no key file", async () => {
    const app = await start();
    const id = `telegram:${randomUUID()}`;
    expect(await send(app, id, "/dinhkem")).toContain("chưa bật chức năng lưu ảnh");
    const text = await send(app, id, "đính kèm vào hồ sơ", photo);
    expect(text).toContain("Ảnh rõ, đọc được");
    expect(text).toContain("chưa bật chức năng lưu ảnh");
    expect(await app.stores.attachments.listFor(id)).toEqual([]);
    expect(existsSync(join(app.dataDir, KEY_FILE))).toBe(false);
    expect(app.logs.join("\n")).toContain("photo attachments off");
  });

  it("with ATTACHMENTS_KEY seals the photo in Redis and erases it with the conversation", async () => {
    const app = await start({ ATTACHMENTS_KEY: randomBytes(32).toString("base64") });
    const id = `telegram:${randomUUID()}`;
    expect(await send(app, id, "đính kèm vào hồ sơ", photo)).toContain("Đã mã hóa và lưu ảnh");
    const [info] = await app.stores.attachments.listFor(id);
    const stored = await app.stores.attachments.get(info?.id ?? "");
    expect(Buffer.from(stored?.sealed ?? []).includes(photo.subarray(0, 32))).toBe(false);
    expect(Buffer.from((await app.photos.vault.open(info?.id ?? ""))?.bytes ?? []).equals(photo)).toBe(true);
    await send(app, id, "xóa dữ liệu của tôi");
    await send(app, id, "có");
    expect(await app.stores.attachments.listFor(id)).toEqual([]);
    expect(await app.stores.attachments.get(info?.id ?? "")).toBeNull();
  });
});
