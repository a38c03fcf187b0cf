// Entry point: loadConfig → createApp → serve HTTP (web chat at /) → graceful shutdown on SIGINT/SIGTERM.
// `npm start` runs this with embedded defaults (no token, no API key, no Redis needed).
import { serve } from "@hono/node-server";
import { createApp } from "./app/create-app.js";
import { createLogger } from "./app/logger.js";
import { loadConfig } from "./config/index.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  const server = serve({ fetch: app.http.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(
      { url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${info.port}` },
      "motcua is listening",
    );
  });
  const shutdown = (signal: string): void => {
    logger.info({ signal }, "shutting down");
    // Stop accepting requests, let in-flight turns finish, then close the stores.
    server.close(() => {
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    setTimeout(() => process.exit(0), 8000).unref();
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  // Start-up errors (bad config, invalid knowledge files) already name what to fix.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
