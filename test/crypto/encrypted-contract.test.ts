// The whole store contract again, with encryption at rest on: the SQLite and Redis stores wrapped by
// encryptStores (key A current, C kept as an older key) must behave exactly like the bare backends.
import { describe } from "vitest";
import type { Stores } from "../../src/core/ports.js";
import { createRecordCipher, encryptStores } from "../../src/storage/encrypted/index.js";
import { redisBackend, redisReachable, sqliteBackend, warnRedisSkipped } from "../helpers/stores.js";
import { storesContract, type Backend } from "../contract/stores-contract.js";
import { KEY_A, KEY_C } from "./keys.js";

const cipher = createRecordCipher([KEY_A, KEY_C]);
const unexpected = (kind: string): never => {
  throw new Error(`a ${kind} record did not open during the contract`);
};
const wrap = (make: () => Promise<Stores>) => async () => encryptStores(await make(), cipher, unexpected);

function encrypted(backend: Backend): Backend {
  const { expiry } = backend;
  return {
    make: wrap(() => backend.make()),
    expiry: {
      ttlSeconds: expiry.ttlSeconds,
      advance: (s) => expiry.advance(s),
      make: wrap(() => expiry.make()),
    },
  };
}

const sqlite = encrypted(sqliteBackend());
storesContract("sqlite, encrypted", sqlite.make, sqlite.expiry);

const reachable = await redisReachable();
if (!reachable) warnRedisSkipped();

describe.skipIf(!reachable)("redis, encrypted", () => {
  const backend = encrypted(redisBackend());
  storesContract("redis, encrypted", backend.make, backend.expiry);
});
