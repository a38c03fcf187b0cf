// Entry point: loadConfig → createApp → serve HTTP (web chat at /) → graceful shutdown on SIGINT/SIGTERM.
// `npm start` runs this with embedded defaults (no token, no API key, no Redis needed).
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { createApp, type MotcuaApp } from "./app/create-app.js";
import { createLogger, type Logger } from "./app/logger.js";
import { loadConfig } from "./config/index.js";

/**
 * Stops accepting connections and resolves once every in-flight request has been answered; idle
 * keep-alive connections are closed as they become idle, so they cannot hold the shutdown.
 */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** The drain period after the first signal: a timer that a second signal can cut short. */
interface Drain {
  readonly ms: number;
  /** Resolves when the period is over or was cut short. */
  readonly over: Promise<void>;
  /** Ends the period now; false when it was already over. */
  cut(): boolean;
}

function startDrain(ms: number): Drain {
  let running = true;
  let end!: () => void;
  const over = new Promise<void>((resolve) => (end = resolve));
  const timer = setTimeout(() => {
    running = false;
    end();
  }, ms);
  return {
    ms,
    over,
    cut: () => {
      if (!running) return false;
      running = false;
      clearTimeout(timer);
      end();
      return true;
    },
  };
}

/**
 * Graceful shutdown: /readyz answers 503 "shutting down" at once (/healthz stays 200); during the
 * drain (if any) every request is still served, so a reverse proxy health-checking /readyz sees the
 * 503 and stops routing here; then no new connections, in-flight turns answered, and the app closes
 * in order (channels stop polling, the job queue waits for running jobs, portal, stores). Exits 0
 * when done, 1 when something failed or `timeoutMs` (drain included) passed first.
 */
async function shutdown(
  server: Server,
  app: MotcuaApp,
  logger: Logger,
  timeoutMs: number,
  drain: Drain | null,
): Promise<never> {
  const hard = setTimeout(() => {
    logger.error({ timeoutMs }, "shutdown timed out, exiting");
    process.exit(1);
  }, timeoutMs);
  hard.unref();
  const started = performance.now();
  app.beginShutdown();
  try {
    if (drain) {
      logger.info({ drainMs: drain.ms }, "draining: /readyz answers 503, still serving");
      await drain.over;
      logger.info({ ms: Math.round(performance.now() - started) }, "drain over, closing the port");
    }
    await closeServer(server);
    logger.info({ ms: Math.round(performance.now() - started) }, "http server closed");
    await app.close();
    logger.info({ ms: Math.round(performance.now() - started) }, "shut down cleanly");
    process.exit(0);
  } catch (err) {
    logger.error({ error: err instanceof Error ? err.name : "unknown" }, "shutdown failed");
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  const server = serve({ fetch: app.http.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(
      { url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${info.port}` },
      "motcua is listening",
    );
  }) as Server;
  let stopping = false;
  let drain: Drain | null = null;
  const onSignal = (signal: string): void => {
    if (stopping) {
      // A second signal (Ctrl-C twice) hurries the drain along; it never starts a second shutdown.
      if (drain?.cut()) logger.info({ signal }, "second signal: drain cut short");
      return;
    }
    stopping = true;
    logger.info({ signal }, "shutting down");
    drain = config.shutdownDrainMs > 0 ? startDrain(config.shutdownDrainMs) : null;
    void shutdown(server, app, logger, config.shutdownTimeoutMs, drain);
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
}

main().catch((err: unknown) => {
  // Start-up errors (bad config, invalid knowledge files) already name what to fix.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
