// Sealing attached photos (AES-256-GCM) and finding the key: round trip, fresh IV per file, the key
// id in the envelope, failures on a wrong key, tampering or another record; the key file (mode 0600,
// made once, reused) and ATTACHMENTS_KEY parsing.
import { randomBytes } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";
import {
  attachmentKey,
  KEY_FILE,
  KeyFileError,
  resolveAttachmentKey,
  seal,
  sealedKeyId,
  SealError,
  unseal,
} from "../../src/photos/index.js";
import { tempDir } from "../helpers/tmp.js";

const key = attachmentKey(randomBytes(32));
const other = attachmentKey(randomBytes(32));
const ctx = { attachmentId: "a-1" };
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(5000)]);

describe("sealing attachments", () => {
  it("opens what it sealed, with the key id in the envelope and no plaintext inside", () => {
    const sealed = seal(photo, key, ctx);
    expect(sealedKeyId(sealed)).toBe(key.id);
    expect(key.id).toMatch(/^[0-9a-f]{16}$/);
    expect(Buffer.from(sealed).includes(photo.subarray(0, 64))).toBe(false);
    expect(Buffer.from(unseal(sealed, [other, key], ctx)).equals(photo)).toBe(true);
  });

  it("uses a fresh IV each time: the same photo never seals to the same bytes", () => {
    expect(Buffer.from(seal(photo, key, ctx)).equals(Buffer.from(seal(photo, key, ctx)))).toBe(false);
  });

  it("derives the same id from the same key, another id from another key", () => {
    expect(attachmentKey(key.key).id).toBe(key.id);
    expect(other.id).not.toBe(key.id);
    expect(() => attachmentKey(randomBytes(16))).toThrow(SealError);
  });

  it("fails with a wrong key, with a key of the same id but other bytes, and on any tampering", () => {
    const sealed = seal(photo, key, ctx);
    expect(() => unseal(sealed, [other], ctx)).toThrow(SealError);
    const impostor = { id: key.id, key: other.key };
    expect(() => unseal(sealed, [impostor], ctx)).toThrow(/does not authenticate/);
    const flipped = Uint8Array.from(sealed);
    flipped[flipped.length - 10] = (flipped[flipped.length - 10] ?? 0) ^ 1;
    expect(() => unseal(flipped, [key], ctx)).toThrow(SealError);
    expect(() => unseal(photo, [key], ctx)).toThrow(/not a sealed attachment/);
  });

  it("binds the file to its attachment id: opened as another attachment it fails", () => {
    const sealed = seal(photo, key, ctx);
    expect(() => unseal(sealed, [key], { attachmentId: "a-2" })).toThrow(SealError);
  });
});

describe("the attachment key", () => {
  it("on SQLite without ATTACHMENTS_KEY makes a key file once (mode 0600) and reuses it", () => {
    const dir = join(tempDir("motcua-key-"), "data");
    const first = resolveAttachmentKey({ configured: null, sharedBackend: false, dataDir: dir });
    expect(first?.source).toBe("file-created");
    const path = join(dir, KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, "utf8").trim(), "base64")).toHaveLength(32);
    const again = resolveAttachmentKey({ configured: null, sharedBackend: false, dataDir: dir });
    expect(again?.source).toBe("file");
    expect(again?.key.id).toBe(first?.key.id);
  });

  it("prefers ATTACHMENTS_KEY, and with Redis and no key turns attaching off", () => {
    const dir = tempDir("motcua-key-");
    const configured = randomBytes(32);
    const fromConfig = resolveAttachmentKey({ configured, sharedBackend: true, dataDir: dir });
    expect(fromConfig).toMatchObject({ source: "config", key: { id: attachmentKey(configured).id } });
    expect(resolveAttachmentKey({ configured: null, sharedBackend: true, dataDir: dir })).toBeNull();
  });

  it("refuses a damaged key file instead of replacing it (old attachments would become unreadable)", () => {
    const dir = tempDir("motcua-key-");
    writeFileSync(join(dir, KEY_FILE), "not a key\n", { mode: 0o600 });
    expect(() => resolveAttachmentKey({ configured: null, sharedBackend: false, dataDir: dir })).toThrow(
      KeyFileError,
    );
  });

  it("reads ATTACHMENTS_KEY as 64 hex digits or base64, and names it when malformed", () => {
    const raw = randomBytes(32);
    expect(loadConfig({ ATTACHMENTS_KEY: raw.toString("hex") }).attachmentsKey).toEqual(Uint8Array.from(raw));
    expect(loadConfig({ ATTACHMENTS_KEY: raw.toString("base64") }).attachmentsKey).toEqual(
      Uint8Array.from(raw),
    );
    expect(loadConfig({ ATTACHMENTS_KEY: raw.toString("base64url") }).attachmentsKey).toEqual(
      Uint8Array.from(raw),
    );
    expect(loadConfig({}).attachmentsKey).toBeNull();
    expect(() => loadConfig({ ATTACHMENTS_KEY: "short" })).toThrow(ConfigError);
    expect(() => loadConfig({ ATTACHMENTS_KEY: randomBytes(16).toString("base64") })).toThrow(
      /ATTACHMENTS_KEY/,
    );
  });
});
