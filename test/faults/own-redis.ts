// A private redis-server for fault tests (never the shared one on 6379): its own free port and data
// folder, append-only file fsynced on every write, so a kill -9 and restart loses nothing it acknowledged.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createConnection } from "node:net";
import { freePort } from "../helpers/net.js";
import { tempDir } from "../helpers/tmp.js";

/** Whether a redis-server binary is installed (the tests skip with a notice otherwise). */
export function redisServerInstalled(): boolean {
  const probe = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  return probe.status === 0;
}

export interface OwnRedis {
  readonly url: string;
  readonly port: number;
  /** Kills the server (SIGKILL by default: a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (d: Buffer) => {
      socket.destroy();
      ok(d.toString().startsWith("+PONG"));
    });
    socket.once("error", () => ok(false));
  });
}

/** Starts redis-server on a free loopback port with appendonly + appendfsync always. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = tempDir("motcua-own-redis-");
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const args = [
    "--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "",
    "--appendonly", "yes", "--appendfsync", "always", "--daemonize", "no", "--protected-mode", "no",
  ]; // prettier-ignore

  async function start(): Promise<void> {
    const proc = spawn("redis-server", args, { stdio: "ignore" });
    child = proc;
    exited = new Promise((done) => proc.once("exit", () => done()));
    for (let i = 0; i < 200; i++) {
      if (await answersPing(port)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`redis-server did not start on ${port}`);
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    async stop(signal = "SIGKILL") {
      if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
