// The load benchmark's report: one row per setup and channel (lost, duplicated, busy, latency
// p50/p99, throughput, CPU per message, RSS) printed as an aligned table with a short legend.
import { cpus } from "node:os";
import { LOAD_CHANNELS } from "./load-plan.js";
import { figures, type SentMessage } from "./load-tracker.js";

/** What one setup (SQLite × 1, Redis × 2) produced. */
export interface Outcome {
  readonly label: string;
  readonly messages: readonly SentMessage[];
  readonly seconds: number;
  readonly redelivered: number;
  readonly strays: number;
  readonly memory: Array<{ rssMb: number; peakMb: number }>;
  /** CPU seconds the app processes used during the measured phase (all instances together). */
  readonly appCpu: number;
  /** CPU seconds of the benchmark's own process (simulated users and emulated Bot APIs). */
  readonly driverCpu: number;
  /** Load average (1 min) at the end: other work on the machine inflates latencies. */
  readonly load: number;
}

/** The run's parameters, for the legend and the timeout of "lost". */
export interface ReportParams {
  readonly messages: number;
  readonly users: number;
  readonly rate: number;
  readonly timeoutMs: number;
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

/** Prints the figures of every setup, one row per channel and one for all, with a legend. */
export function report(outcomes: readonly Outcome[], params: ReportParams): void {
  const { messages: MESSAGES, users: USERS, rate: RATE, timeoutMs: TIMEOUT_MS } = params;
  const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");
  const rows: string[][] = [];
  for (const o of outcomes) {
    for (const channel of [...LOAD_CHANNELS, "all"] as const) {
      const f = figures(
        channel === "all" ? o.messages : o.messages.filter((m) => m.channel === channel),
        TIMEOUT_MS,
      );
      const rss = o.memory.map((m) => `${m.rssMb.toFixed(0)}/${m.peakMb.toFixed(0)}`).join(" ");
      const all = channel === "all";
      rows.push([
        o.label,
        channel,
        String(f.messages),
        String(f.lost),
        String(f.duplicates),
        String(f.busy),
        ms(f.p50),
        ms(f.p99),
        ms(f.p99Last),
        ms(f.max),
        all ? ((f.messages - f.lost) / o.seconds).toFixed(0) : "",
        all ? String(o.redelivered) : "",
        all ? ((o.appCpu * 1000) / f.messages).toFixed(2) : "",
        all ? rss : "",
      ]);
    }
  }
  console.log(
    `\n${MESSAGES} messages, ${USERS} users (web/Telegram/Zalo in turn), offered ${RATE} msg/s, timeout ${TIMEOUT_MS} ms; latency = send → first bubble (web: HTTP answer; push: sendMessage at the emulator)`,
  );
  table(
    [
      "setup",
      "channel",
      "msgs",
      "lost",
      "dup",
      "busy",
      "p50 ms",
      "p99 ms",
      "p99 last",
      "max ms",
      "msg/s",
      "redeliv",
      "CPU ms/msg",
      "RSS/peak MB",
    ],
    rows,
  );
  console.log(
    `CPU ms/msg: CPU time of the app processes per message (steadier than latency on a shared machine); load average at the end: ${outcomes.map((o) => `${o.label} ${o.load.toFixed(1)}`).join(", ")} on ${cpus().length} cores`,
  );
  console.log(
    `Driver (simulated users + emulated Bot APIs, one process) busy: ${outcomes.map((o) => `${o.label} ${((100 * o.driverCpu) / o.seconds).toFixed(0)} % of a core`).join(", ")} (near 100 % = the driver, not the app, limits latency)`,
  );
  const strays = outcomes.reduce((n, o) => n + o.strays, 0);
  if (strays > 0) console.log(`bubbles for chats with no open message: ${strays}`);
}
