// Staff password hashes: the scrypt$N$r$p$salt$hash format, verification (right, wrong, Unicode
// forms), malformed or too costly hashes refused, and STAFF_ACCOUNTS validated at start-up.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";
import {
  hashPassword,
  isUsableHash,
  SCRYPT_DEFAULTS,
  verifyPassword,
} from "../../src/http/staff-password.js";
import { TEST_COST } from "./console-helpers.js";

describe("staff passwords", () => {
  it("hashes with the default cost and a fresh salt, and verifies", async () => {
    const a = await hashPassword("mật khẩu dài đủ rồi");
    const b = await hashPassword("mật khẩu dài đủ rồi");
    expect(a).toMatch(new RegExp(`^scrypt\\$${SCRYPT_DEFAULTS.N}\\$8\\$1\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect(a).not.toBe(b);
    expect(await verifyPassword("mật khẩu dài đủ rồi", a)).toBe(true);
    expect(await verifyPassword("mật khẩu dài đủ rồi ", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
  });

  it("treats composed and decomposed Vietnamese the same (NFC)", async () => {
    const hash = await hashPassword("Mật-khẩu-Việt", TEST_COST);
    expect(await verifyPassword("Mật-khẩu-Việt".normalize("NFD"), hash)).toBe(true);
  });

  it.each([
    ["another scheme", "bcrypt$10$abc$def"],
    ["missing parts", "scrypt$1024$8$1$c2FsdHNhbHRzYWx0"],
    ["N not a power of two", "scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2g"],
    ["N too large", "scrypt$4194304$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2g"],
    ["r out of range", "scrypt$1024$99$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2g"],
    ["a short salt", "scrypt$1024$8$1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2g"],
  ])("refuses a hash with %s", async (_, hash) => {
    expect(isUsableHash(hash)).toBe(false);
    expect(await verifyPassword("anything", hash)).toBe(false);
  });

  it("reads STAFF_ACCOUNTS and names a malformed or duplicate entry", async () => {
    const hash = await hashPassword("mat-khau-thu-nghiem", TEST_COST);
    const config = loadConfig({ STAFF_ACCOUNTS: ` lan:${hash} , bình.trần:${hash}` });
    expect(config.staffAccounts.map((a) => a.username)).toEqual(["lan", "bình.trần"]);
    expect(config.cookieSecure).toBe(false);
    expect(loadConfig({}).staffAccounts).toEqual([]);
    expect(() => loadConfig({ STAFF_ACCOUNTS: "lan:mat-khau-ro-rang" })).toThrow(ConfigError);
    expect(() => loadConfig({ STAFF_ACCOUNTS: "lan:mat-khau-ro-rang" })).toThrow(
      /mục thứ 1[\s\S]*STAFF_ACCOUNTS/,
    );
    expect(() => loadConfig({ STAFF_ACCOUNTS: `lan:${hash},lan:${hash}` })).toThrow(/trùng/);
    expect(() => loadConfig({ COOKIE_SECURE: "yes" })).toThrow(/COOKIE_SECURE/);
  });
});
