// Runs the store contract against the Redis on 127.0.0.1:6379 under a per-run key prefix, or
// skips it with a notice when no Redis answers there (CI starts one).
import { describe } from "vitest";
import { redisBackend, redisReachable, warnRedisSkipped } from "../helpers/stores.js";
import { storesContract } from "./stores-contract.js";

const reachable = await redisReachable();
if (!reachable) warnRedisSkipped();

describe.skipIf(!reachable)("redis", () => {
  const backend = redisBackend();
  storesContract("redis", backend.make, backend.expiry);
});
