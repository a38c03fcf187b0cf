// Runs the staff-store contract on SQLite (fresh file per store, movable clock), and checks that
// the sweep really deletes expired question-log rows and sessions from the file.
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { initialState } from "../../src/core/dialogue/state.js";
import { createSqliteStores } from "../../src/storage/index.js";
import { tempDir } from "../helpers/tmp.js";
import { eventAt, RETENTION_SECONDS, staffStoresContract } from "./staff-stores-contract.js";

const dir = tempDir("motcua-staff-stores-");
let files = 0;
let clock = Date.now();
const make = (path = join(dir, `s-${++files}.sqlite`)) =>
  createSqliteStores({
    path,
    ttlSeconds: 3600,
    now: () => clock,
    questionRetentionSeconds: RETENTION_SECONDS,
  });

staffStoresContract("sqlite", {
  make: () => Promise.resolve(make()),
  now: () => clock,
  advance: (seconds) => void (clock += seconds * 1000),
});

describe("sqlite staff stores", () => {
  it("sweeps expired question-log rows and sessions out of the file", async () => {
    const path = join(dir, "sweep.sqlite");
    const stores = make(path);
    await stores.questions.record("web:a", eventAt(clock));
    await stores.staffSessions.create("h1", { username: "lan", createdAt: clock, expiresAt: clock + 30_000 });
    const raw = new Database(path, { readonly: true });
    const count = (table: string) =>
      (raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count("question_log"), count("staff_sessions")]).toEqual([1, 1]);
    clock += (RETENTION_SECONDS + 61) * 1000; // past both expiries and the sweep interval
    await stores.conversations.save("web:b", initialState(clock));
    expect([count("question_log"), count("staff_sessions")]).toEqual([0, 0]);
    raw.close();
    await stores.close();
  });
});
