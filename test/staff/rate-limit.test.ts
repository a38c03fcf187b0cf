// The in-memory login limiter: 5 failures per key in a sliding 15-minute window, keys apart,
// success forgets, and a bounded number of remembered keys.
import { describe, expect, it } from "vitest";
import { createMemoryRateLimiter } from "../../src/http/staff-rate-limit.js";

const MIN = 60_000;

describe("memory login rate limiter", () => {
  it("lets 5 failures through, then asks to wait until the oldest leaves the window", async () => {
    const limiter = createMemoryRateLimiter();
    for (let i = 0; i < 5; i++) {
      expect(await limiter.retryAfter("lan|ip", i * MIN)).toBe(0);
      await limiter.failed("lan|ip", i * MIN);
    }
    expect(await limiter.retryAfter("lan|ip", 5 * MIN)).toBe(10 * 60);
    expect(await limiter.retryAfter("binh|ip", 5 * MIN)).toBe(0);
    expect(await limiter.retryAfter("lan|ip", 15 * MIN - 1)).toBe(1);
    expect(await limiter.retryAfter("lan|ip", 15 * MIN)).toBe(0); // the first failure left the window
    await limiter.failed("lan|ip", 15 * MIN);
    expect(await limiter.retryAfter("lan|ip", 15 * MIN)).toBeGreaterThan(0);
  });

  it("forgets a key's failures after a success", async () => {
    const limiter = createMemoryRateLimiter({ maxFailures: 2 });
    await limiter.failed("k", 0);
    await limiter.failed("k", 1);
    expect(await limiter.retryAfter("k", 2)).toBeGreaterThan(0);
    await limiter.succeeded("k");
    expect(await limiter.retryAfter("k", 2)).toBe(0);
  });

  it("remembers at most maxKeys keys, dropping the least recently failed", async () => {
    const limiter = createMemoryRateLimiter({ maxFailures: 1, maxKeys: 2 });
    for (const key of ["a", "b", "c"]) await limiter.failed(key, 0);
    expect(await limiter.retryAfter("a", 1)).toBe(0);
    expect(await limiter.retryAfter("b", 1)).toBeGreaterThan(0);
    expect(await limiter.retryAfter("c", 1)).toBeGreaterThan(0);
  });
});
