// `npm run portal`: the sandbox portal on its own (PORTAL_* settings, see src/config/portal.ts),
// with clean shutdown on SIGINT/SIGTERM so callbacks in flight finish and SQLite closes.
import { createLogger } from "../../app/logger.js";
import { loadPortalConfig } from "../../config/portal.js";
import { loadKnowledgeOrThrow } from "../../knowledge/index.js";
import { createSandboxPortal } from "./server.js";

async function main(): Promise<void> {
  const config = loadPortalConfig();
  const logger = createLogger(config.logLevel);
  const knowledge = loadKnowledgeOrThrow(config.knowledgeDir);
  const clockStart = config.clockStart;
  const bootedAt = Date.now();
  const portal = createSandboxPortal({
    dataDir: config.dataDir,
    knowledge,
    staffToken: config.staffToken,
    callback: config.callback,
    publicUrl: config.publicUrl,
    retry: { baseMs: config.retryBaseMs, maxMs: config.retryMaxMs },
    logger,
    ...(clockStart ? { clock: () => new Date(clockStart.getTime() + Date.now() - bootedAt) } : {}),
  });
  await portal.start(config.port, config.host);
  const shutdown = (signal: string): void => {
    logger.info({ signal }, "sandbox portal shutting down");
    portal.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
