// Photo keys follow DATA_KEYS through the real app (SQLite, one DATA_DIR across restarts): photos are
// sealed with a key derived from the current data key, open with any configured one (and with
// ATTACHMENTS_KEY / the key file from before DATA_KEYS), and stop opening once their data key is gone.
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  attachmentKey,
  KEY_FILE,
  photoKeyFromDataKey,
  SealError,
  sealedKeyId,
  unseal,
} from "../../src/photos/index.js";
import { documentPhoto } from "../../scripts/lib/synthetic-photos.js";
import { startApp, type TestApp } from "../helpers/app.js";
import { tempDir } from "../helpers/tmp.js";
import { dataKeysEnv, KEY_A, KEY_B } from "../crypto/keys.js";

let photo: Buffer;
const opened: TestApp[] = [];

beforeAll(async () => {
  photo = await documentPhoto({ width: 1400, height: 1000, seed: 23 });
}, 120_000);
afterAll(async () => {
  await Promise.all(opened.splice(0).map((a) => a.close().catch(() => undefined)));
});

/** Starts the app on `dataDir` with `env`, runs `fn`, and closes it (a restart between calls). */
async function run<T>(
  dataDir: string,
  env: Record<string, string>,
  fn: (app: TestApp) => Promise<T>,
): Promise<T> {
  const app = await startApp(env, { dataDir });
  opened.push(app);
  try {
    return await fn(app);
  } finally {
    opened.splice(opened.indexOf(app), 1);
    await app.close();
  }
}

/** Attaches the photo in a conversation; returns the reply text. */
async function attach(app: TestApp, conversationId: string): Promise<string> {
  const replies = await app.assistant.handleTurn({
    conversationId,
    channel: "web",
    text: "đính kèm vào hồ sơ",
    receivedAt: Date.now(),
    attachment: { bytes: photo, mime: "image/jpeg" },
  });
  return replies.map((r) => r.text).join("\n");
}

/** The raw sealed rows of a conversation, straight from the SQLite file. */
function rawRows(dataDir: string, conversationId: string): Array<{ id: string; sealed: Buffer }> {
  const db = new Database(join(dataDir, "motcua.sqlite"), { readonly: true });
  try {
    return db
      .prepare("SELECT id, sealed FROM attachments WHERE conversation_id = ? ORDER BY rowid")
      .all(conversationId) as Array<{ id: string; sealed: Buffer }>;
  } finally {
    db.close();
  }
}

const opensToPhoto = async (app: TestApp, id: string): Promise<boolean> =>
  Buffer.from((await app.photos.vault.open(id))?.bytes ?? []).equals(photo);

describe("photo keys rotate with DATA_KEYS", () => {
  const dataDir = tempDir("motcua-photo-rotation-");
  const derivedA = photoKeyFromDataKey(KEY_A.key);
  const derivedB = photoKeyFromDataKey(KEY_B.key);
  const underA = `web:rot-a-${randomUUID()}`;
  const underB = `web:rot-b-${randomUUID()}`;
  let photoA = "";
  let photoB = "";

  it("derives photo keys that are neither the data key nor each other", () => {
    expect(Buffer.from(derivedA.key).equals(Buffer.from(KEY_A.key))).toBe(false);
    expect(derivedA.id).not.toBe(attachmentKey(KEY_A.key).id);
    expect(derivedA.id).not.toBe(derivedB.id);
    expect(photoKeyFromDataKey(KEY_A.key).id).toBe(derivedA.id);
  });

  it("with DATA_KEYS=A seals a new photo under A's derived key, makes no key file, logs ids only", async () => {
    await run(dataDir, { DATA_KEYS: dataKeysEnv(KEY_A) }, async (app) => {
      expect(await attach(app, underA)).toContain("Đã mã hóa và lưu ảnh vào hồ sơ (1/10 ảnh)");
      const [row] = rawRows(dataDir, underA);
      photoA = row?.id ?? "";
      expect(sealedKeyId(row?.sealed ?? new Uint8Array())).toBe(derivedA.id);
      expect(row?.sealed.includes(photo.subarray(0, 32))).toBe(false); // no JPEG header (magic, JFIF/Exif segment)
      expect(() => unseal(row!.sealed, [attachmentKey(KEY_A.key)], { attachmentId: photoA })).toThrow(
        SealError,
      );
      expect(await opensToPhoto(app, photoA)).toBe(true);
      expect(existsSync(join(dataDir, KEY_FILE))).toBe(false);
      const logs = app.logs.join("\n");
      expect(logs).toContain("photo attachments: key derived from the current data key");
      expect(logs).toContain(derivedA.id);
      for (const k of [KEY_A.key, derivedA.key])
        expect(logs).not.toContain(Buffer.from(k).toString("base64"));
    });
  }, 60_000);

  it("with DATA_KEYS=B,A still opens the A photo and seals new photos under B's derived key", async () => {
    await run(dataDir, { DATA_KEYS: dataKeysEnv(KEY_B, KEY_A) }, async (app) => {
      expect(await opensToPhoto(app, photoA)).toBe(true);
      expect(await attach(app, underB)).toContain("Đã mã hóa và lưu ảnh vào hồ sơ (1/10 ảnh)");
      const [row] = rawRows(dataDir, underB);
      photoB = row?.id ?? "";
      expect(sealedKeyId(row?.sealed ?? new Uint8Array())).toBe(derivedB.id);
      expect(await opensToPhoto(app, photoB)).toBe(true);
    });
  }, 60_000);

  it("with B alone the A photo no longer opens, B's does, and the A conversation is still answered politely", async () => {
    await run(dataDir, { DATA_KEYS: dataKeysEnv(KEY_B) }, async (app) => {
      await expect(app.photos.vault.open(photoA)).rejects.toThrow(SealError);
      expect(await opensToPhoto(app, photoB)).toBe(true);
      const reply = await attach(app, underA);
      expect(reply).toContain("Ảnh rõ, đọc được");
      expect(reply).toContain("Đã mã hóa và lưu ảnh vào hồ sơ (2/10 ảnh)");
      expect(reply).not.toMatch(/Error|at .*\.ts:\d+/);
      const rows = rawRows(dataDir, underA);
      expect(sealedKeyId(rows[1]?.sealed ?? new Uint8Array())).toBe(derivedB.id);
      expect(await opensToPhoto(app, rows[1]?.id ?? "")).toBe(true);
    });
  }, 60_000);
});

describe("photos sealed before DATA_KEYS was adopted", () => {
  it("a photo sealed with ATTACHMENTS_KEY stays readable once DATA_KEYS is added (both configured)", async () => {
    const dataDir = tempDir("motcua-photo-legacy-key-");
    const attachmentsKey = randomBytes(32);
    const conversation = `web:legacy-${randomUUID()}`;
    const legacyId = await run(
      dataDir,
      { ATTACHMENTS_KEY: attachmentsKey.toString("base64") },
      async (app) => {
        expect(await attach(app, conversation)).toContain("Đã mã hóa và lưu ảnh");
        const [row] = rawRows(dataDir, conversation);
        expect(sealedKeyId(row?.sealed ?? new Uint8Array())).toBe(attachmentKey(attachmentsKey).id);
        return row?.id ?? "";
      },
    );
    const env = { ATTACHMENTS_KEY: attachmentsKey.toString("base64"), DATA_KEYS: dataKeysEnv(KEY_A) };
    await run(dataDir, env, async (app) => {
      expect(await opensToPhoto(app, legacyId)).toBe(true);
      expect(await attach(app, conversation)).toContain("(2/10 ảnh)");
      const rows = rawRows(dataDir, conversation);
      expect(sealedKeyId(rows[1]?.sealed ?? new Uint8Array())).toBe(photoKeyFromDataKey(KEY_A.key).id);
      expect(app.logs.join("\n")).not.toContain(attachmentsKey.toString("base64"));
    });
  }, 120_000);

  it("a photo sealed with the SQLite key file stays readable once DATA_KEYS is set", async () => {
    const dataDir = tempDir("motcua-photo-legacy-file-");
    const conversation = `web:legacy-file-${randomUUID()}`;
    const legacyId = await run(dataDir, {}, async (app) => {
      expect(await attach(app, conversation)).toContain("Đã mã hóa và lưu ảnh");
      return rawRows(dataDir, conversation)[0]?.id ?? "";
    });
    expect(existsSync(join(dataDir, KEY_FILE))).toBe(true);
    await run(dataDir, { DATA_KEYS: dataKeysEnv(KEY_A) }, async (app) => {
      expect(await opensToPhoto(app, legacyId)).toBe(true);
    });
  }, 120_000);
});
