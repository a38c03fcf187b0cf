// SHUTDOWN_TIMEOUT_MS and SHUTDOWN_DRAIN_MS: the graceful shutdown's hard limit and the drain before
// the port closes (0 by default, 0–60,000 ms, always shorter than the hard limit it counts against).
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";

describe("shutdown settings", () => {
  it("default to a 15 s hard limit and no drain", () => {
    const config = loadConfig({});
    expect(config.shutdownTimeoutMs).toBe(15_000);
    expect(config.shutdownDrainMs).toBe(0);
  });

  it("take the configured values", () => {
    const config = loadConfig({ SHUTDOWN_TIMEOUT_MS: "20000", SHUTDOWN_DRAIN_MS: " 1500 " });
    expect(config.shutdownTimeoutMs).toBe(20_000);
    expect(config.shutdownDrainMs).toBe(1_500);
    expect(loadConfig({ SHUTDOWN_DRAIN_MS: "0" }).shutdownDrainMs).toBe(0);
    const longest = loadConfig({ SHUTDOWN_TIMEOUT_MS: "60001", SHUTDOWN_DRAIN_MS: "60000" });
    expect(longest.shutdownDrainMs).toBe(60_000);
  });

  it.each([
    ["SHUTDOWN_DRAIN_MS", "-1"],
    ["SHUTDOWN_DRAIN_MS", "60001"],
    ["SHUTDOWN_DRAIN_MS", "1.5"],
    ["SHUTDOWN_DRAIN_MS", "soon"],
    ["SHUTDOWN_TIMEOUT_MS", "999"],
    ["SHUTDOWN_TIMEOUT_MS", "600001"],
  ])("name %s when it is %j", (name, value) => {
    const env = { SHUTDOWN_TIMEOUT_MS: "600000", [name]: value };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it.each([
    ["15000", undefined],
    ["5000", "5000"],
    ["30000", "20000"],
  ])("refuse a drain (%s ms) not shorter than the hard limit (%s)", (drain, timeout) => {
    const env = { SHUTDOWN_DRAIN_MS: drain, ...(timeout ? { SHUTDOWN_TIMEOUT_MS: timeout } : {}) };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/SHUTDOWN_DRAIN_MS=\d+ .*SHUTDOWN_TIMEOUT_MS=\d+/);
    expect(() => loadConfig(env)).toThrow(/must be shorter than SHUTDOWN_TIMEOUT_MS/);
  });

  it("accept a drain just under the hard limit", () => {
    const config = loadConfig({ SHUTDOWN_TIMEOUT_MS: "5000", SHUTDOWN_DRAIN_MS: "4999" });
    expect(config.shutdownDrainMs).toBe(4_999);
  });
});
