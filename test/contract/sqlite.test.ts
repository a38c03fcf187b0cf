// Runs the store contract against SQLite: a fresh temporary file per test, a fake clock for expiry.
// SQLite-only behaviour (restart, sweeping, the in-process lock) is in sqlite-specific.test.ts.
import { sqliteBackend } from "../helpers/stores.js";
import { storesContract } from "./stores-contract.js";

const backend = sqliteBackend();
storesContract("sqlite", backend.make, backend.expiry);
