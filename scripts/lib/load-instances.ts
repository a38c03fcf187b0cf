// App processes for the load benchmark: `node --import tsx src/main.ts` started with given settings
// on a free loopback port, their memory read from /proc, stopped with SIGTERM; Redis helpers.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { createClient } from "redis";

const ROOT = resolve(import.meta.dirname, "../..");

/** One running app process. */
export interface AppProcess {
  readonly url: string;
  readonly pid: number;
  /** Resident memory now and at its peak (MB), from /proc/<pid>/status; NaN where unavailable. */
  memory(): { rssMb: number; peakMb: number };
  /** CPU time (user + system, seconds) the process used so far, from /proc/<pid>/stat; NaN elsewhere. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

function statusMb(pid: number, field: string): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

function cpuSeconds(pid: number): number {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return NaN;
  }
}

async function waitHealthy(child: ChildProcess, url: string, tail: () => string): Promise<void> {
  for (let i = 0; i < 900; i++) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${tail()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`app did not start within 90 s:\n${tail()}`);
}

/** Starts an app process with `env` (and extra `node` flags) on a free port; waits until /healthz answers. */
export async function startAppProcess(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<AppProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      KNOWLEDGE_DIR: resolve(ROOT, "knowledge"),
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  await waitHealthy(child, url, () => stderr);
  const pid = child.pid ?? -1;
  return {
    url,
    pid,
    memory: () => ({ rssMb: statusMb(pid, "VmRSS"), peakMb: statusMb(pid, "VmHWM") }),
    cpuSeconds: () => cpuSeconds(pid),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Whether Redis answers at `url` (half a second to connect). */
export async function redisUp(url: string): Promise<boolean> {
  const c = createClient({ url, socket: { connectTimeout: 500, reconnectStrategy: false } });
  c.on("error", () => undefined);
  try {
    await c.connect();
    await c.close();
    return true;
  } catch {
    return false;
  }
}

/** Deletes every key under `prefix` (the benchmark's own run prefix). */
export async function dropKeys(url: string, prefix: string): Promise<void> {
  const c = createClient({ url });
  c.on("error", () => undefined);
  await c.connect();
  for await (const keys of c.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
    if (keys.length) await c.del(keys);
  await c.close();
}
