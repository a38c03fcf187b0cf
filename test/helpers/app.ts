// Starts the real application (createApp) for tests: fresh DATA_DIR, logs captured in memory so
// tests can check that no personal data is logged; optionally served over HTTP on 127.0.0.1.
import { serve, type ServerType } from "@hono/node-server";
import { Writable } from "node:stream";
import type { AddressInfo } from "node:net";
import { createApp, type AppOverrides, type MotcuaApp } from "../../src/app/create-app.js";
import { createLogger } from "../../src/app/logger.js";
import { loadConfig } from "../../src/config/index.js";
import { KNOWLEDGE_DIR } from "./kb.js";
import { tempDir } from "./tmp.js";

export interface TestApp extends MotcuaApp {
  readonly logs: string[];
  readonly dataDir: string;
}

/** createApp with a temporary data folder (or `dataDir`) and in-memory logs; `env` adds settings. */
export async function startApp(
  env: Record<string, string> = {},
  overrides: AppOverrides & { dataDir?: string } = {},
): Promise<TestApp> {
  const dataDir = overrides.dataDir ?? tempDir("motcua-app-");
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const config = loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR, LOG_LEVEL: "info", ...env });
  const app = await createApp(config, createLogger(config.logLevel, sink), overrides);
  return Object.assign(app, { logs, dataDir });
}

/** Serves `app.http` on an ephemeral loopback port; returns its base URL and a stop function. */
export async function listen(app: MotcuaApp): Promise<{ url: string; stop: () => Promise<void> }> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.http.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Posts one chat message through the real HTTP API (in-process, no socket). */
export async function chat(
  app: MotcuaApp,
  sessionId: string,
  text: string,
  optionId?: string,
): Promise<Array<{ text: string; options?: Array<{ id: string; label: string }> }>> {
  const res = await app.http.request("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sessionId, text, ...(optionId ? { optionId } : {}) }),
  });
  if (res.status !== 200) throw new Error(`chat answered ${res.status}: ${await res.text()}`);
  return (
    (await res.json()) as { replies: Array<{ text: string; options?: Array<{ id: string; label: string }> }> }
  ).replies;
}
