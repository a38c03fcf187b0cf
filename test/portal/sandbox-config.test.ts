// loadPortalConfig: defaults of `npm run portal`, callback settings that must come together, and
// errors that name the bad variable.
import { describe, expect, it } from "vitest";
import { loadPortalConfig } from "../../src/config/portal.js";

describe("loadPortalConfig", () => {
  it("has working defaults", () => {
    const c = loadPortalConfig({});
    expect(c).toMatchObject({
      port: 4010,
      host: "127.0.0.1",
      staffToken: null,
      callback: null,
      clockStart: null,
    });
    expect(c.dataDir).toMatch(/data\/portal$/);
  });

  it("reads callbacks, staff token, public URL and the business clock", () => {
    const c = loadPortalConfig({
      PORTAL_PORT: "0",
      PORTAL_STAFF_TOKEN: "a-staff-token-1234",
      PORTAL_CALLBACK_URL: "http://127.0.0.1:3000/callbacks/portal",
      PORTAL_CALLBACK_SECRET: "a-callback-secret-1234",
      PORTAL_PUBLIC_URL: "https://portal.example.invalid/",
      PORTAL_CLOCK_START: "2026-02-13T10:00:00+07:00",
    });
    expect(c.callback).toEqual({
      url: "http://127.0.0.1:3000/callbacks/portal",
      secret: "a-callback-secret-1234",
    });
    expect(c.publicUrl).toBe("https://portal.example.invalid");
    expect(c.clockStart?.toISOString()).toBe("2026-02-13T03:00:00.000Z");
  });

  it("names bad settings", () => {
    expect(() => loadPortalConfig({ PORTAL_PORT: "abc" })).toThrow(/PORTAL_PORT/);
    expect(() => loadPortalConfig({ PORTAL_STAFF_TOKEN: "short" })).toThrow(/PORTAL_STAFF_TOKEN/);
    expect(() => loadPortalConfig({ PORTAL_CALLBACK_URL: "http://x.invalid/cb" })).toThrow(
      /PORTAL_CALLBACK_SECRET/,
    );
  });
});
