// TELEGRAM_SEND_PER_SECOND / ZALO_SEND_PER_SECOND: the push channels' send rates per process, with
// the platform-safe defaults (25/s, 15/s), raised only for benchmarks against local emulations.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";

const base = {
  KNOWLEDGE_DIR: "./knowledge",
  DATA_DIR: "/tmp/motcua-cfg",
  TELEGRAM_BOT_TOKEN: "1:abc",
  ZALO_BOT_TOKEN: "1234567:abc-def",
};

describe("channel send rates", () => {
  it("default to Telegram 25/s and Zalo 15/s", () => {
    const config = loadConfig(base);
    expect(config.telegram?.sendPerSecond).toBe(25);
    expect(config.zalo?.sendPerSecond).toBe(15);
  });

  it("take the configured values", () => {
    const config = loadConfig({ ...base, TELEGRAM_SEND_PER_SECOND: "5000", ZALO_SEND_PER_SECOND: " 7 " });
    expect(config.telegram?.sendPerSecond).toBe(5000);
    expect(config.zalo?.sendPerSecond).toBe(7);
  });

  it.each([
    ["TELEGRAM_SEND_PER_SECOND", "0"],
    ["TELEGRAM_SEND_PER_SECOND", "fast"],
    ["ZALO_SEND_PER_SECOND", "1.5"],
    ["ZALO_SEND_PER_SECOND", "100001"],
  ])("refuse %s=%s by name", (name, value) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(name);
  });
});
