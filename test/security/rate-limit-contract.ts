// Contract of the RateLimiter port, run against the in-memory and the Redis implementation: sliding
// window, refused hits not counted, retry-after, peek counts nothing, reset, keys independent.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { RateLimiter } from "../../src/core/ports.js";

const RULE = { max: 3, windowMs: 60_000 } as const;
const T0 = 1_750_000_000_000;

/** Registers the contract tests for one implementation. */
export function rateLimiterContract(name: string, make: () => RateLimiter): void {
  describe(`RateLimiter contract: ${name}`, () => {
    const key = () => `test:${randomUUID()}`;

    it("allows `max` hits in the window, then refuses with the time until the oldest leaves", async () => {
      const limiter = make();
      const k = key();
      const seen = [];
      for (let i = 0; i < 3; i++) seen.push(await limiter.hit(k, RULE, T0 + i * 1000));
      expect(seen.map((d) => d.allowed)).toEqual([true, true, true]);
      expect(seen.map((d) => d.remaining)).toEqual([2, 1, 0]);
      const refused = await limiter.hit(k, RULE, T0 + 10_000);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBe(50_000); // the first hit (T0) leaves the window at T0 + 60 s
    });

    it("slides: once the oldest hit is out of the window one more is allowed", async () => {
      const limiter = make();
      const k = key();
      for (let i = 0; i < 3; i++) await limiter.hit(k, RULE, T0 + i * 1000);
      expect((await limiter.hit(k, RULE, T0 + 59_999)).allowed).toBe(false);
      expect((await limiter.hit(k, RULE, T0 + 60_001)).allowed).toBe(true);
      // The hits at T0+1s and T0+2s are still inside: full again.
      expect((await limiter.hit(k, RULE, T0 + 60_500)).allowed).toBe(false);
    });

    it("does not count refused hits (a flood does not extend its own wait)", async () => {
      const limiter = make();
      const k = key();
      for (let i = 0; i < 3; i++) await limiter.hit(k, RULE, T0);
      for (let i = 0; i < 20; i++) await limiter.hit(k, RULE, T0 + 30_000);
      expect((await limiter.hit(k, RULE, T0 + 60_001)).allowed).toBe(true);
    });

    it("peek reports the standing without counting", async () => {
      const limiter = make();
      const k = key();
      await limiter.hit(k, RULE, T0);
      await limiter.hit(k, RULE, T0);
      for (let i = 0; i < 5; i++) expect((await limiter.peek(k, RULE, T0 + 1)).allowed).toBe(true);
      await limiter.hit(k, RULE, T0 + 2);
      const full = await limiter.peek(k, RULE, T0 + 3);
      expect(full).toMatchObject({ allowed: false, remaining: 0 });
      expect(full.retryAfterMs).toBe(59_997);
    });

    it("reset forgets a key; other keys are independent", async () => {
      const limiter = make();
      const [a, b] = [key(), key()];
      for (let i = 0; i < 3; i++) await limiter.hit(a, RULE, T0);
      expect((await limiter.hit(b, RULE, T0)).allowed).toBe(true);
      expect((await limiter.hit(a, RULE, T0)).allowed).toBe(false);
      await limiter.reset(a);
      expect((await limiter.hit(a, RULE, T0)).allowed).toBe(true);
      expect((await limiter.peek(b, RULE, T0)).remaining).toBe(2);
    });

    it("counts concurrent hits exactly (no more than `max` allowed)", async () => {
      const limiter = make();
      const k = key();
      const results = await Promise.all(
        Array.from({ length: 25 }, () => limiter.hit(k, { max: 10, windowMs: 60_000 }, T0)),
      );
      expect(results.filter((d) => d.allowed)).toHaveLength(10);
    });
  });
}
