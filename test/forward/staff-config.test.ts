// Who is staff (STAFF_TELEGRAM_IDS, STAFF_ZALO_IDS → isStaffSender, what channel adapters call) and
// which staff messages are /chiase commands.
import { describe, expect, it } from "vitest";
import { ConfigError, isStaffSender, loadConfig } from "../../src/config/index.js";
import { parseForwardCommand } from "../../src/core/dialogue/flows/forward.js";

describe("staff senders", () => {
  const config = loadConfig({ STAFF_TELEGRAM_IDS: "42, 7", STAFF_ZALO_IDS: " 1234567890123456789 ,55" });

  it.each([
    ["telegram", 42, true],
    ["telegram", "7", true],
    ["telegram", "55", false],
    ["zalo", "1234567890123456789", true],
    ["zalo", "55", true],
    ["zalo", "42", false],
    ["web", "42", false],
    ["cli", "55", false],
  ] as const)("%s user %s is staff: %s", (channel, id, expected) => {
    expect(isStaffSender(config, channel, id)).toBe(expected);
  });

  it("has no staff by default", () => {
    const none = loadConfig({});
    expect(isStaffSender(none, "telegram", "42")).toBe(false);
    expect(isStaffSender(none, "zalo", "42")).toBe(false);
  });

  it("names STAFF_ZALO_IDS when an entry is not a user id", () => {
    expect(() => loadConfig({ STAFF_ZALO_IDS: "123;456" })).toThrow(ConfigError);
    expect(() => loadConfig({ STAFF_ZALO_IDS: "123;456" })).toThrow(/STAFF_ZALO_IDS/);
  });
});

describe("/chiase commands", () => {
  it.each([
    ["/chiase khai sinh", { kind: "query", text: "khai sinh" }],
    ["  /chiase   đổi bằng lái  ", { kind: "query", text: "đổi bằng lái" }],
    ["/chiasẻ hộ chiếu", { kind: "query", text: "hộ chiếu" }],
    ["/chia_se hộ chiếu", { kind: "query", text: "hộ chiếu" }],
    ["/chiase@motcua_bot khai tử", { kind: "query", text: "khai tử" }],
    ["/CHIASE 2", { kind: "pick", n: 2 }],
    ["/chiase", { kind: "usage" }],
    ["/chiase   ", { kind: "usage" }],
  ])("%s", (text, expected) => {
    expect(parseForwardCommand(text)).toEqual(expected);
  });

  it.each(["chiase khai sinh", "/start", "/chiasekhai sinh", "khai sinh /chiase", ""])(
    "%s is not a forwarding command",
    (text) => {
      expect(parseForwardCommand(text)).toBeNull();
    },
  );
});
