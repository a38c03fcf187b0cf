// Test keys for encryption at rest: fixed 32-byte keys (A, B, C) and the DATA_KEYS text for them.
import type { DataKey } from "../../src/storage/encrypted/index.js";

/** A 32-byte key filled with one byte value (distinct per test key; never a real key). */
const key = (id: string, byte: number): DataKey => ({ id, key: new Uint8Array(32).fill(byte) });

export const KEY_A = key("a2025", 0x0a);
export const KEY_B = key("b2026", 0x0b);
export const KEY_C = key("c-other", 0x0c);

/** DATA_KEYS text for the keys, first = current. */
export function dataKeysEnv(...keys: DataKey[]): string {
  return keys.map((k) => `${k.id}:${Buffer.from(k.key).toString("base64")}`).join(",");
}
