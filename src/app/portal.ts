// Chooses the portal from config: the sandbox portal in-process (default, under DATA_DIR/portal),
// a remote portal at PORTAL_URL, or none. Returns the core's ports over it and the signed receipt links.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { AppConfig } from "../config/index.js";
import { papersToBring } from "../core/dialogue/flows/dossier.js";
import type { KnowledgeBase } from "../core/knowledge/index.js";
import type { ConfirmedForm, DossierPort, DossierStore, StatusPort } from "../core/ports.js";
import type { FilesRouteDeps, ReceiptLookup } from "../http/files-route.js";
import { PortalClient, PortalRejectedError, PortalUnavailableError } from "../portal/client/index.js";
import { createPortalPorts, type PortalPorts } from "../portal/portal-ports.js";
import { createSandboxPortal } from "../portal/sandbox/index.js";
import { notConnectedDossierPort, unavailableStatusPort } from "../portal/unavailable.js";
import { createReceiptLinks } from "../receipts/links.js";
import { receiptFromDossier } from "../receipts/index.js";
import type { Logger } from "./logger.js";

export interface PortalSetUp {
  readonly dossiers: DossierPort;
  readonly status: StatusPort;
  /** Base URL of the portal in use (null when none). */
  readonly url: string | null;
  readonly client: PortalClient | null;
  /** The receipt files route's needs: link checks and the receipt of a dossier (null: no portal). */
  readonly receipts: FilesRouteDeps | null;
  /** One submission attempt that throws while the portal is down (for the retry job). */
  readonly submitNow: PortalPorts["submitNow"] | null;
  /** Secret the portal signs status callbacks with (null: callbacks refused). */
  readonly callbackSecret: string | null;
  close(): Promise<void>;
}

/** What the portal needs from the rest of the app (it exists before the HTTP app does). */
export interface PortalHooks {
  /** Queues a form the portal did not take, to be sent again; true when queued. */
  readonly requeue: (
    form: ConfirmedForm,
    contact: { channel: string; conversationId: string },
  ) => Promise<boolean>;
  /** Delivers the embedded sandbox's callbacks to our own /portal/callback without a socket. */
  readonly inProcess: (request: Request) => Promise<Response>;
  /** Wraps the portal client (metrics of failed calls); absent = used as is. */
  readonly observeClient?: (client: PortalClient) => PortalClient;
}

/** Where the embedded sandbox posts callbacks; `inProcess` answers it without leaving the process. */
const IN_PROCESS_CALLBACK = "http://motcua.internal/portal/callback";

/** Signs receipt links with FILES_SECRET, or with a random key made now (links die with the process). */
function receiptLinks(config: AppConfig, logger: Logger) {
  if (!config.filesSecret)
    logger.warn(
      "FILES_SECRET not set: receipt links are signed with a random key and stop working after a restart",
    );
  return createReceiptLinks({
    secret: config.filesSecret ?? randomBytes(32).toString("base64url"),
    ttlSeconds: config.filesLinkDays * 86_400,
  });
}

/** Looks a dossier up with the access token motcua stored for it and builds its receipt model. */
function receiptLoader(client: PortalClient, kb: KnowledgeBase, links: DossierStore) {
  const procedures = new Map(kb.procedures.map((p) => [p.slug, p]));
  const names = new Map([...kb.documents.values()].map((d) => [d.id, d.name]));
  return async (code: string): Promise<ReceiptLookup> => {
    const link = await links.byCode(code);
    if (!link) return { kind: "not-found" };
    try {
      const dossier = await client.getDossier(code, { accessToken: link.accessToken });
      if (!dossier) return { kind: "not-found" };
      const p = procedures.get(dossier.procedure);
      // The office's requests for more papers when there are some, else what the procedure always needs.
      const papers = dossier.requests.length > 0 || !p ? dossier.requests : papersToBring(p, names);
      return { kind: "found", model: receiptFromDossier(dossier, papers) };
    } catch (err) {
      if (err instanceof PortalRejectedError) return { kind: "not-found" };
      if (err instanceof PortalUnavailableError) return { kind: "unavailable" };
      throw err;
    }
  };
}

export async function setUpPortal(
  config: AppConfig,
  kb: KnowledgeBase,
  links: DossierStore,
  logger: Logger,
  hooks: PortalHooks,
): Promise<PortalSetUp> {
  const { portal } = config;
  if (portal.mode === "off") {
    return {
      dossiers: notConnectedDossierPort(),
      status: unavailableStatusPort(),
      url: null,
      client: null,
      receipts: null,
      submitNow: null,
      callbackSecret: null,
      close: () => Promise.resolve(),
    };
  }
  const embedded = portal.mode === "embedded";
  const callbackSecret = portal.callbackSecret ?? (embedded ? randomBytes(32).toString("hex") : null);
  const sandbox = embedded
    ? createSandboxPortal({
        dataDir: join(config.dataDir, "portal"),
        knowledge: kb,
        staffToken: portal.staffToken,
        callback: { url: IN_PROCESS_CALLBACK, secret: callbackSecret ?? "" },
        retry: { baseMs: 1_000, maxMs: 60_000, pollMs: 500 },
        fetch: (input, init) => hooks.inProcess(new Request(input, init)),
        logger: logger.child({ component: "sandbox-portal" }),
      })
    : null;
  const url = sandbox ? (await sandbox.start(0, "127.0.0.1")).url : (portal.url ?? "");
  const bare = new PortalClient({ baseUrl: url, apiKey: portal.apiKey });
  const client = hooks.observeClient?.(bare) ?? bare;
  logger.info({ portal: portal.mode, url }, "portal connected");
  const signer = receiptLinks(config, logger);
  const ports = createPortalPorts({
    client,
    links,
    kb,
    agencyCode: portal.agencyCode,
    receiptFiles: signer.files,
    onUnavailable: hooks.requeue,
  });
  const receipts = { links: signer, load: receiptLoader(client, kb, links) };
  return {
    ...ports,
    url,
    client,
    receipts,
    callbackSecret,
    close: () => sandbox?.close() ?? Promise.resolve(),
  };
}
