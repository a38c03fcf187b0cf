// Chooses the portal from config: the sandbox portal in-process (default, under DATA_DIR/portal),
// a remote portal at PORTAL_URL, or none. Returns the core's DossierPort and StatusPort over it.
import { join } from "node:path";
import type { AppConfig } from "../config/index.js";
import type { KnowledgeBase } from "../core/knowledge/index.js";
import type { DossierPort, DossierStore, StatusPort } from "../core/ports.js";
import { PortalClient } from "../portal/client/index.js";
import { createPortalPorts } from "../portal/portal-ports.js";
import { createSandboxPortal } from "../portal/sandbox/index.js";
import { notConnectedDossierPort, unavailableStatusPort } from "../portal/unavailable.js";
import type { Logger } from "./logger.js";

export interface PortalSetUp {
  readonly dossiers: DossierPort;
  readonly status: StatusPort;
  /** Base URL of the portal in use (null when none). */
  readonly url: string | null;
  readonly client: PortalClient | null;
  close(): Promise<void>;
}

export async function setUpPortal(
  config: AppConfig,
  kb: KnowledgeBase,
  links: DossierStore,
  logger: Logger,
): Promise<PortalSetUp> {
  const { portal } = config;
  if (portal.mode === "off") {
    return {
      dossiers: notConnectedDossierPort(),
      status: unavailableStatusPort(),
      url: null,
      client: null,
      close: () => Promise.resolve(),
    };
  }
  const sandbox =
    portal.mode === "embedded"
      ? createSandboxPortal({
          dataDir: join(config.dataDir, "portal"),
          knowledge: kb,
          staffToken: portal.staffToken,
          callback: null,
          logger: logger.child({ component: "sandbox-portal" }),
        })
      : null;
  const url = sandbox ? (await sandbox.start(0, "127.0.0.1")).url : (portal.url ?? "");
  const client = new PortalClient({ baseUrl: url, apiKey: portal.apiKey });
  logger.info({ portal: portal.mode, url }, "portal connected");
  const ports = createPortalPorts({ client, links, kb, agencyCode: portal.agencyCode });
  return { ...ports, url, client, close: () => sandbox?.close() ?? Promise.resolve() };
}
