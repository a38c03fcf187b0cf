// The RateLimiter contract against the in-memory limiter (the default), and its key bound.
import { expect, it } from "vitest";
import { createMemoryRateLimiter } from "../../src/rate-limit/index.js";
import { rateLimiterContract } from "./rate-limit-contract.js";

rateLimiterContract("memory", () => createMemoryRateLimiter());

it("drops the least recently hit keys beyond its bound", async () => {
  const limiter = createMemoryRateLimiter({ maxKeys: 2 });
  const rule = { max: 1, windowMs: 60_000 };
  await limiter.hit("a", rule, 1);
  await limiter.hit("b", rule, 2);
  await limiter.hit("c", rule, 3); // "a" is dropped
  expect((await limiter.peek("a", rule, 4)).allowed).toBe(true);
  expect((await limiter.peek("c", rule, 4)).allowed).toBe(false);
});
