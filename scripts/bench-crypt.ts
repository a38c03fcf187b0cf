// `npx tsx scripts/bench-crypt.ts`: what encryption at rest adds to one turn, measured alone: sealing and
// opening a conversation state with a 15-field form in progress (the largest record a turn writes), and
// a turn's store work (load + save of that state) on SQLite, bare vs encrypted, interleaved (same load).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initialState } from "../src/core/dialogue/state.js";
import { codecs, createRecordCipher, encryptStores } from "../src/storage/encrypted/index.js";
import { createSqliteStores } from "../src/storage/index.js";
import { percentile } from "./lib/retrieval-metrics.js";

const RUNS = 20_000;
const cipher = createRecordCipher([{ id: "bench", key: new Uint8Array(32).fill(7) }]);
const values = Object.fromEntries(
  Array.from({ length: 15 }, (_, i) => [`field_${i}`, `Nguyễn Văn An ${i} — số 12 ngõ 34 Láng Hạ, Hà Nội`]),
);
const state = {
  ...initialState(Date.now()),
  form: { slug: "khai-sinh", step: 15, values, editing: null, attempts: 0 },
};

function time(fn: () => void): number[] {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b);
}

const sealed = codecs.state.seal(state, "web:bench", cipher);
time(() => codecs.state.open(codecs.state.seal(state, "web:bench", cipher), "web:bench", cipher)); // warm-up
const rows = [
  ["seal state", time(() => codecs.state.seal(state, "web:bench", cipher))],
  ["open state", time(() => codecs.state.open(sealed, "web:bench", cipher))],
  [
    "seal + open",
    time(() => codecs.state.open(codecs.state.seal(state, "web:bench", cipher), "web:bench", cipher)),
  ],
] as const;
console.log(
  `${RUNS} runs, state JSON ${JSON.stringify(state).length} B → ${JSON.stringify(sealed).length} B sealed`,
);
console.log("operation     p50 µs  p99 µs");
for (const [name, ms] of rows)
  console.log(
    `${name.padEnd(12)} ${(percentile(ms, 50) * 1000).toFixed(1).padStart(7)} ${(percentile(ms, 99) * 1000).toFixed(1).padStart(7)}`,
  );

/** Load + save of the state, alternating bare and encrypted stores so both see the same machine load. */
async function storeRoundTrips(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "motcua-bench-crypt-"));
  const bare = createSqliteStores({ path: join(dir, "bare.sqlite"), ttlSeconds: 86_400 });
  const sealedStores = encryptStores(
    createSqliteStores({ path: join(dir, "sealed.sqlite"), ttlSeconds: 86_400 }),
    cipher,
    () => undefined,
  );
  const times = { bare: [] as number[], encrypted: [] as number[] };
  for (let i = 0; i < RUNS / 2; i += 1) {
    for (const [name, stores] of [
      ["bare", bare],
      ["encrypted", sealedStores],
    ] as const) {
      const id = `web:${i % 500}`;
      const t = performance.now();
      await stores.conversations.load(id);
      await stores.conversations.save(id, state);
      times[name].push(performance.now() - t);
    }
  }
  await Promise.all([bare.close(), sealedStores.close()]);
  rmSync(dir, { recursive: true, force: true });
  console.log(`\nSQLite load + save of that state, ${RUNS / 2} each, interleaved`);
  console.log("stores        p50 µs  p99 µs");
  for (const [name, ms] of Object.entries(times)) {
    ms.sort((a, b) => a - b);
    const p = (q: number) => (percentile(ms, q) * 1000).toFixed(1).padStart(7);
    console.log(`${name.padEnd(12)} ${p(50)} ${p(99)}`);
  }
}

await storeRoundTrips();
