// Photos through the real assistant (createApp on a temporary DATA_DIR, SQLite): advice per problem,
// polite refusals, nothing kept unless asked; attaching by caption or "/dinhkem" stores the photo
// sealed (raw row ≠ photo, opens with the key, not with another), erased by "xóa dữ liệu" and when
// a dossier reaches a final status; photo bytes and captions never reach the logs.
import { randomBytes, randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueStatusChange } from "../../src/app/portal-jobs.js";
import type { StatusCallback } from "../../src/portal/contract.js";
import type { InboundMessage } from "../../src/core/messages.js";
import { attachmentKey, KEY_FILE, SealError, unseal } from "../../src/photos/index.js";
import { blurred, darkened, documentPhoto } from "../../scripts/lib/synthetic-photos.js";
import { startApp, type TestApp } from "../helpers/app.js";

let app: TestApp;
let sharpDoc: Buffer;
let blurryDoc: Buffer;
let darkDoc: Buffer;

beforeAll(async () => {
  app = await startApp();
  sharpDoc = await documentPhoto({ width: 1600, height: 1100, seed: 11 });
  blurryDoc = await blurred(sharpDoc, 4);
  darkDoc = await darkened(sharpDoc, 0.3);
}, 120_000);
afterAll(async () => {
  await app.close();
});

const session = (): string => `web:photo-${randomUUID()}`;

/** One turn as a channel delivers it (Telegram and Zalo fill `attachment` the same way). */
async function send(conversationId: string, text: string, bytes?: Uint8Array | null): Promise<string> {
  const msg: InboundMessage = {
    conversationId,
    channel: "web",
    text,
    receivedAt: Date.now(),
    ...(bytes !== undefined ? { attachment: { bytes, mime: "image/jpeg" } } : {}),
  };
  return (await app.assistant.handleTurn(msg)).map((r) => r.text).join("\n");
}

/** The raw attachment rows of a conversation, straight from the SQLite file. */
function rawRows(conversationId: string): Array<{ id: string; sealed: Buffer }> {
  const db = new Database(join(app.dataDir, "motcua.sqlite"), { readonly: true });
  try {
    return db
      .prepare("SELECT id, sealed FROM attachments WHERE conversation_id = ?")
      .all(conversationId) as Array<{ id: string; sealed: Buffer }>;
  } finally {
    db.close();
  }
}

describe("photo advice in the chat", () => {
  it("confirms a clear photo and says it was not kept", async () => {
    const id = session();
    const text = await send(id, "", sharpDoc);
    expect(text).toContain("Ảnh rõ, đọc được");
    expect(text).toContain("không được lưu lại");
    expect(await app.stores.attachments.listFor(id)).toEqual([]);
  });

  it("gives concrete advice for a blurred photo and for a dark one", async () => {
    const id = session();
    const blur = await send(id, "", blurryDoc);
    expect(blur).toContain("Ảnh hơi mờ");
    expect(blur).toContain("giữ máy thật chắc và thẳng");
    const dark = await send(id, "", darkDoc);
    expect(dark).toContain("Ảnh tối quá");
    expect(dark).toContain("chụp ở chỗ sáng");
    expect(rawRows(id)).toEqual([]);
  });

  it("refuses other files politely, naming the accepted formats and the size limit", async () => {
    const id = session();
    const pdf = await send(id, "", Buffer.from("%PDF-1.4\n%âãÏÓ\n"));
    expect(pdf).toContain("tệp PDF, không phải ảnh");
    expect(pdf).toContain("JPEG, PNG, WebP");
    expect(pdf).toContain("tối đa 10 MB");
    const tooBig = await send(id, "", null);
    expect(tooBig).toContain("lớn quá");
    expect(tooBig).toContain("tối đa 10 MB");
  });

  it("answers in English in an English conversation", async () => {
    const id = session();
    await send(id, "hello, I need a passport");
    expect(await send(id, "", blurryDoc)).toContain("The photo is blurry");
  });
});

describe("attaching a photo to the dossier", () => {
  it("seals a photo sent with “đính kèm vào hồ sơ”: the stored bytes are not the photo and open only with the key", async () => {
    const id = session();
    const text = await send(id, "đính kèm vào hồ sơ", sharpDoc);
    expect(text).toContain("Ảnh rõ, đọc được");
    expect(text).toContain("Đã mã hóa và lưu ảnh vào hồ sơ (1/10 ảnh)");
    const rows = rawRows(id);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.sealed.equals(sharpDoc)).toBe(false);
    expect(row.sealed.includes(sharpDoc.subarray(0, 32))).toBe(false);
    const opened = await app.photos.vault.open(row.id);
    expect(opened?.mime).toBe("image/jpeg");
    expect(Buffer.from(opened?.bytes ?? []).equals(sharpDoc)).toBe(true);
    const wrong = attachmentKey(randomBytes(32));
    expect(() => unseal(row.sealed, [wrong], { attachmentId: row.id })).toThrow(SealError);
    expect(statSync(join(app.dataDir, KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it("after “/dinhkem” keeps the next good photo, and a blurred one only once retaken", async () => {
    const id = session();
    expect(await send(id, "/dinhkem")).toContain("gửi ảnh giấy tờ ngay sau tin này");
    const blur = await send(id, "", blurryDoc);
    expect(blur).toContain("Ảnh hơi mờ");
    expect(blur).toContain("chưa được lưu vào hồ sơ");
    expect(rawRows(id)).toEqual([]);
    expect(await send(id, "", sharpDoc)).toContain("Đã mã hóa và lưu ảnh");
    expect(rawRows(id)).toHaveLength(1);
    // The request was used: the next photo is only checked.
    expect(await send(id, "", sharpDoc)).toContain("không được lưu lại");
    expect(rawRows(id)).toHaveLength(1);
  });

  it("forgets “/dinhkem” when the citizen asks something else instead", async () => {
    const id = session();
    await send(id, "đính kèm ảnh");
    expect(await send(id, "làm giấy khai sinh cần gì")).toMatch(/khai sinh/i);
    expect(await send(id, "", sharpDoc)).toContain("không được lưu lại");
    expect(rawRows(id)).toEqual([]);
  });

  it("erases attached photos with “xóa dữ liệu của tôi”", async () => {
    const id = session();
    await send(id, "đính kèm vào hồ sơ", sharpDoc);
    expect(rawRows(id)).toHaveLength(1);
    await send(id, "xóa dữ liệu của tôi");
    await send(id, "có");
    expect(rawRows(id)).toEqual([]);
    expect(await app.stores.attachments.listFor(id)).toEqual([]);
  });

  it("deletes the conversation's photos when one of its dossiers reaches a final status, not before", async () => {
    const id = session();
    await send(id, "đính kèm vào hồ sơ", sharpDoc);
    const code = `H29.31-250301-${String(Math.floor(Math.random() * 9000) + 1000)}`;
    await app.stores.dossiers.link({
      code,
      conversationId: id,
      procedure: "khai-sinh",
      accessToken: "t",
      createdAt: 1,
    });
    const callback = (status: 4 | 10, label: string): StatusCallback => ({
      eventId: `evt-${randomUUID()}`,
      dossierCode: code,
      status,
      statusLabel: label,
      note: null,
      requests: [],
      appointmentDate: null,
      at: new Date().toISOString(),
      contact: { channel: "web", conversationId: id },
    });
    await queueStatusChange(app.queue, callback(4, "Đang xử lý"));
    await until(async () => (await app.assistant.updates(id)).length > 0, "the status-4 notice");
    expect(rawRows(id)).toHaveLength(1);
    await queueStatusChange(app.queue, callback(10, "Đã trả kết quả"));
    await until(() => rawRows(id).length === 0, "the photos of a finished dossier to go");
    expect(await app.stores.attachments.listFor(id)).toEqual([]);
  });

  it("takes attached photos along when the conversation continues on another channel", async () => {
    const web = session();
    await send(web, "đính kèm vào hồ sơ", sharpDoc);
    const code = /tiếp tục ([2-9A-Z]{6})/.exec(await send(web, "mã tiếp tục"))?.[1] ?? "";
    expect(code).toMatch(/^[2-9A-Z]{6}$/);
    const telegram = `telegram:${randomUUID()}`;
    await send(telegram, `tiếp tục ${code}`);
    expect(rawRows(web)).toEqual([]);
    const [moved] = rawRows(telegram);
    expect(Buffer.from((await app.photos.vault.open(moved?.id ?? ""))?.bytes ?? []).equals(sharpDoc)).toBe(
      true,
    );
    await send(telegram, "xóa dữ liệu của tôi");
    await send(telegram, "có");
    expect(rawRows(telegram)).toEqual([]);
  });

  it("never logs photo bytes or captions", () => {
    const logs = app.logs.join("\n");
    expect(logs).toContain("photo.checked");
    expect(logs).not.toContain(sharpDoc.subarray(0, 48).toString("base64"));
    expect(logs).not.toContain("đính kèm vào hồ sơ");
    expect(logs).not.toMatch(/web:photo-/);
  });
});

/** Polls `check` until true (a deadline for a stuck test, not a speed requirement). */
async function until(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
