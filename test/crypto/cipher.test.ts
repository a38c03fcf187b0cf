// The record cipher (AES-256-GCM envelopes with key id and bound identity), the per-record codecs and
// the DATA_KEYS setting: round trips, rotation, wrong key / binding / tampering, and config errors.
import { describe, expect, it } from "vitest";
import { initialState } from "../../src/core/dialogue/state.js";
import { ConfigError, loadConfig } from "../../src/config/index.js";
import {
  codecs,
  createRecordCipher,
  isSealed,
  sealedKeyId,
  UnreadableRecordError,
} from "../../src/storage/encrypted/index.js";
import { dataKeysEnv, KEY_A, KEY_B, KEY_C } from "./keys.js";

const unreadable = (fn: () => unknown): UnreadableRecordError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof UnreadableRecordError) return err;
    throw err;
  }
  throw new Error("expected UnreadableRecordError");
};

describe("record cipher", () => {
  const a = createRecordCipher([KEY_A]);

  it("seals with a random IV under the current key id and opens for the same binding", () => {
    const one = a.seal("Nguyễn Văn An 001203004567", "state\0web:1");
    const two = a.seal("Nguyễn Văn An 001203004567", "state\0web:1");
    expect(one).not.toBe(two);
    expect(isSealed(one)).toBe(true);
    expect(sealedKeyId(one)).toBe("a2025");
    expect(one).not.toContain("Nguyễn");
    expect(a.open(one, "state\0web:1")).toBe("Nguyễn Văn An 001203004567");
  });

  it("refuses another record's binding, a tampered envelope and an unknown key", () => {
    const sealed = a.seal("0912345678", "form\0f1");
    expect(unreadable(() => a.open(sealed, "form\0f2")).reason).toBe("damaged");
    const flipped = sealed.slice(0, -2) + (sealed.endsWith("A") ? "B" : "A") + sealed.slice(-1);
    expect(unreadable(() => a.open(flipped, "form\0f1")).reason).toBe("damaged");
    const other = createRecordCipher([KEY_C]);
    const err = unreadable(() => other.open(sealed, "form\0f1"));
    expect(err).toMatchObject({ reason: "unknown-key", keyId: "a2025" });
    expect(err.message).toContain("DATA_KEYS");
    expect(err.message).not.toContain("0912345678");
  });

  it("rotates: B seals, A still opens older envelopes", () => {
    const old = a.seal("Trần Thị Bích", "transcript\0t1");
    const rotated = createRecordCipher([KEY_B, KEY_A]);
    expect(rotated.currentKeyId).toBe("b2026");
    expect(rotated.open(old, "transcript\0t1")).toBe("Trần Thị Bích");
    expect(sealedKeyId(rotated.seal("x", "transcript\0t1"))).toBe("b2026");
  });

  it("rejects bad key lists", () => {
    expect(() => createRecordCipher([])).toThrow();
    expect(() => createRecordCipher([{ id: "bad$id", key: KEY_A.key }])).toThrow(/key id/);
    expect(() => createRecordCipher([{ id: "short", key: new Uint8Array(16) }])).toThrow(/32 bytes/);
  });
});

describe("record codecs", () => {
  const c = createRecordCipher([KEY_A]);
  const state = {
    ...initialState(1_700_000_000_000),
    form: {
      slug: "khai-sinh",
      step: 2,
      values: { requester_name: "Nguyễn Văn An" },
      editing: null,
      attempts: 0,
    },
  };

  it("seals the form values in a state and opens them again; a plain (older) state opens as it is", () => {
    const sealed = codecs.state.seal(state, "web:1", c);
    expect(JSON.stringify(sealed)).not.toContain("Nguyễn");
    expect(sealed.form?.step).toBe(2);
    expect(codecs.state.open(sealed, "web:1", c)).toEqual(state);
    expect(codecs.state.open(state, "web:1", c)).toEqual(state);
    expect(() => codecs.state.open(sealed, "web:2", c)).toThrow(UnreadableRecordError);
  });

  it("seals a whole waiting reply, links included", () => {
    const reply = {
      text: "Chào anh An",
      links: [{ url: "https://x/receipt?t=SECRET_TOKEN_42", label: "Biên nhận" }],
    };
    const sealed = codecs.outbox.seal(reply, "web:1", c);
    expect(Object.keys(sealed)).toEqual(["text"]);
    expect(JSON.stringify(sealed)).not.toMatch(/Chào anh|SECRET_TOKEN_42/);
    expect(codecs.outbox.open(sealed, "web:1", c)).toEqual(reply);
  });
});

describe("DATA_KEYS setting", () => {
  const base = { DATA_DIR: "/tmp/motcua-unused" };

  it("parses id:key pairs, the first being current", () => {
    const config = loadConfig({ ...base, DATA_KEYS: dataKeysEnv(KEY_B, KEY_A) });
    expect(config.dataKeys.map((k) => k.id)).toEqual(["b2026", "a2025"]);
    expect(Buffer.from(config.dataKeys[0]?.key ?? []).equals(Buffer.from(KEY_B.key))).toBe(true);
    expect(loadConfig(base).dataKeys).toEqual([]);
  });

  it.each([
    ["a missing id", "Zm9v"],
    ["a short key", "k1:Zm9v"],
    ["a repeated id", `${dataKeysEnv(KEY_A)},${dataKeysEnv(KEY_A)}`],
    ["a bad id", `bad id:${Buffer.alloc(32).toString("base64")}`],
  ])("names DATA_KEYS on %s, without echoing the key", (_case, value) => {
    let error: unknown;
    try {
      loadConfig({ ...base, DATA_KEYS: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain("DATA_KEYS");
    if (value.includes(":")) expect((error as Error).message).not.toContain(value.split(":")[1]);
  });
});
