// `npm run bench:photo`: time of one photo check (sniff, header, decode to a 1,024-px greyscale copy,
// measure) for a 12-MP and a 2-MP JPEG document photo, p50/p99 over repeated runs, and the RSS.
import { parseArgs } from "node:util";
import { createSharpInspector } from "../src/photos/index.js";
import { percentile } from "./lib/retrieval-metrics.js";
import { run } from "./lib/setup.js";
import { documentPhoto } from "./lib/synthetic-photos.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "60" },
    warmup: { type: "string", default: "5" },
  },
});

const SIZES = [
  { label: "12 MP (4000×3000)", width: 4000, height: 3000 },
  { label: "2 MP (1632×1224)", width: 1632, height: 1224 },
] as const;

async function bench(bytes: Buffer, runs: number, warmup: number): Promise<number[]> {
  const inspector = createSharpInspector();
  for (let i = 0; i < warmup; i += 1) await inspector.inspect(bytes);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const verdict = await inspector.inspect(bytes);
    times.push(performance.now() - started);
    if (verdict.kind !== "checked") throw new Error(`unexpected verdict ${verdict.kind}`);
  }
  return times.sort((a, b) => a - b);
}

run(async () => {
  const runs = Number(values.runs);
  const warmup = Number(values.warmup);
  console.log(`photo check, ${runs} runs after ${warmup} warm-up runs (one at a time)`);
  for (const size of SIZES) {
    const bytes = await documentPhoto({ width: size.width, height: size.height, seed: 1 });
    const times = await bench(bytes, runs, warmup);
    const mb = (bytes.length / 1024 / 1024).toFixed(2);
    console.log(
      `${size.label.padEnd(18)} ${mb} MB JPEG  p50 ${percentile(times, 50).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms  max ${(times.at(-1) ?? 0).toFixed(1)} ms`,
    );
  }
  console.log(`RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
});
