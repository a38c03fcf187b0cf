// Composition root helpers: from a validated config, load the knowledge base, set up retrieval,
// open the stores, build the assistant and the HTTP app. The only place (with main.ts) that names
// concrete implementations.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Hono } from "hono";
import type { AppConfig } from "../config/index.js";
import { createAssistant, type Assistant } from "../core/assistant.js";
import { createNlu } from "../core/dialogue/index.js";
import { compileKbLexicon, type KnowledgeBase } from "../core/knowledge/index.js";
import type { DossierPort, LanguageModel, StatusPort, Stores } from "../core/ports.js";
import { createHttpApp } from "../http/app.js";
import { loadKnowledgeOrThrow } from "../knowledge/index.js";
import { createLanguageModel } from "../llm/index.js";
import type { HybridRetriever } from "../retrieval/index.js";
import { createJobQueue, type JobQueue } from "../jobs/index.js";
import { createStores } from "../storage/index.js";
import { setUpEncryption } from "../storage/encrypted/index.js";
import { pinoEventLog } from "./event-log.js";
import {
  createMetrics,
  observeAssistant,
  observeEventLog,
  observeInbound,
  observePortalClient,
  observeQuestionLog,
  observeSender,
  readinessChecks,
  webhookRejections,
  type Metrics,
} from "../metrics/index.js";
import type { Logger } from "./logger.js";
import { routeOutbox } from "../channels/common/index.js";
import { setUpChannels } from "./channels.js";
import { setUpChecklists } from "./checklists.js";
import { setUpPhotos, type PhotoSetUp } from "./photos.js";
import { setUpPortal, type PortalSetUp } from "./portal.js";
import { queueStatusChange, queueSubmission, registerPortalJobs, schedulePortalPoll } from "./portal-jobs.js";
import { setUpRetrieval } from "./retrieval.js";
import { setUpRateLimits } from "./rate-limits.js";
import { scheduleRetention } from "./retention.js";
import { fill } from "../core/replies/index.js";
import { loadTemplates } from "./templates.js";

export interface MotcuaApp {
  readonly kb: KnowledgeBase;
  readonly retriever: HybridRetriever;
  readonly stores: Stores;
  readonly assistant: Assistant;
  readonly http: Hono;
  readonly portal: PortalSetUp;
  /** Background jobs (portal retries, status notifications). */
  readonly queue: JobQueue;
  /** Photo check and the sealed attachment vault. */
  readonly photos: PhotoSetUp;
  /** Prometheus instruments of this instance (served at /metrics). */
  readonly metrics: Metrics;
  /** Marks graceful shutdown as begun: /readyz answers 503 "shutting down" from now on (idempotent). */
  beginShutdown(): void;
  /** Closes the stores (call after the HTTP server stopped accepting turns); implies beginShutdown. */
  close(): Promise<void>;
}

/** Replaceable parts, for tests and for the portal step. */
export interface AppOverrides {
  readonly status?: StatusPort;
  readonly dossiers?: DossierPort;
  readonly now?: () => number;
}

function languageModel(config: AppConfig): LanguageModel | null {
  if (!config.llm || !config.openai) return null;
  const { apiKey, baseURL, chatModel, timeoutMs } = config.openai;
  return createLanguageModel({
    ...(apiKey ? { apiKey } : {}),
    ...(baseURL ? { baseURL } : {}),
    model: chatModel,
    timeoutMs,
  });
}

/** Loads everything the assistant needs; throws KnowledgeError / ConfigError with named problems. */
export async function createApp(
  config: AppConfig,
  logger: Logger,
  overrides: AppOverrides = {},
): Promise<MotcuaApp> {
  const kb = loadKnowledgeOrThrow(config.knowledgeDir);
  const templates = loadTemplates();
  const started = performance.now();
  const { retriever, indexes } = await setUpRetrieval(config, kb, { logger });
  const stores = await createStores({
    redisUrl: config.redisUrl,
    redisKeyPrefix: config.redisKeyPrefix,
    dataDir: config.dataDir,
    ttlSeconds: config.conversationTtlSeconds,
    questionRetentionSeconds: config.questionRetentionSeconds,
    // Personal data sealed at rest (DATA_KEYS, else ATTACHMENTS_KEY or the SQLite key file).
    encryption: setUpEncryption(
      {
        configured: config.dataKeys,
        attachmentsKey: config.attachmentsKey,
        sharedBackend: config.redisUrl !== null,
        dataDir: config.dataDir,
      },
      logger,
    ),
  });
  const model = languageModel(config);
  const queue = createJobQueue({
    redisUrl: config.redisUrl,
    keyPrefix: `${config.redisKeyPrefix}jobs`,
    sqlitePath: join(config.dataDir, "jobs.sqlite"),
    onError: (err) => logger.warn({ error: err instanceof Error ? err.name : "unknown" }, "job queue error"),
  });
  const metrics = createMetrics();
  let shuttingDown = false;
  // The HTTP app is made after the portal; the embedded sandbox's callbacks reach it through this.
  let http: Hono | null = null;
  const portal = await setUpPortal(config, kb, stores.dossiers, logger, {
    requeue: (form, contact) => queueSubmission(queue, form, contact.channel).then(() => true),
    inProcess: (request) => Promise.resolve(http ? http.fetch(request) : new Response(null, { status: 503 })),
    observeClient: (client) => observePortalClient(metrics, client),
  });
  logger.info(
    {
      procedures: kb.procedures.length,
      index: indexes.origin,
      ms: Math.round(performance.now() - started),
      embeddings: config.embeddings,
      storage: config.redisUrl ? "redis" : "sqlite",
      llm: model !== null,
    },
    "knowledge base ready",
  );
  const now = overrides.now ?? Date.now;
  const log = observeEventLog(metrics, pinoEventLog(logger));
  const limitedText = fill(templates, "vi", "rate.limited");
  const limits = await setUpRateLimits(config, { now, log, message: limitedText });
  await scheduleRetention(queue, { stores, log });
  // Telegram and Zalo replies outside a turn (notifications, staff answers) are pushed, not stored.
  const channels = setUpChannels(config, {
    observe: { sender: (s) => observeSender(metrics, s), inbound: (r) => observeInbound(metrics, r) },
    queue,
    stores,
    log,
    templates,
    limit: { admit: limits.chat, limitedReplies: [{ text: limitedText }] },
  });
  const photos = setUpPhotos(config, stores.attachments, logger, { now, newId: randomUUID });
  const checklists = setUpChecklists(config, kb, now);
  // Turns are counted and timed at this edge, whichever channel or job runs them.
  const assistant = observeAssistant(
    metrics,
    createAssistant({
      kb,
      nlu: createNlu(kb, compileKbLexicon(kb)),
      templates,
      retriever,
      stores: {
        ...stores,
        outbox: routeOutbox(stores.outbox, channels.dispatcher),
        questions: observeQuestionLog(metrics, stores.questions),
      },
      status: overrides.status ?? portal.status,
      dossiers: overrides.dossiers ?? portal.dossiers,
      model,
      clock: { now },
      newId: randomUUID,
      log,
      photos,
      checklists,
      ownerIdLimit: limits.ownerId,
    }),
  );
  const { routes: channelRoutes } = await channels.attach(assistant.handleTurn);
  if (portal.submitNow)
    registerPortalJobs({ queue, ports: { submitNow: portal.submitNow }, stores, assistant, kb, now });
  // A remote portal with callbacks off: poll the linked dossiers for status changes instead.
  if (config.portal.mode === "remote" && portal.client && !portal.callbackSecret) {
    await schedulePortalPoll(
      queue,
      { client: portal.client, stores, assistant, now },
      config.portal.pollSeconds * 1000,
    );
    logger.info(
      { everySeconds: config.portal.pollSeconds },
      "portal callbacks off: polling dossier statuses",
    );
  }
  const procedures = new Map(kb.procedures.map((p) => [p.slug, p]));
  http = createHttpApp({
    retriever,
    procedures,
    logger,
    web: { handleTurn: assistant.handleTurn, updates: assistant.updates, now, limit: limits.web },
    staff: {
      token: config.staffApiToken,
      handoffs: stores.handoffs,
      staffReply: assistant.staffReply,
      release: assistant.release,
      accounts: config.staffAccounts,
      cookieSecure: config.cookieSecure,
      limiter: limits.login,
      sessions: stores.staffSessions,
      questions: stores.questions,
      procedureName: (slug) => procedures.get(slug)?.name ?? null,
      now,
      onEvent: (event) => logger.info({ event }, "staff console"),
      answers: {
        store: stores.approvedAnswers,
        hasProcedure: (slug) => procedures.has(slug),
        now,
        newId: randomUUID,
      },
    },
    checklists,
    files: portal.receipts,
    portalCallback: { secret: portal.callbackSecret, accept: (cb) => queueStatusChange(queue, cb) },
    channelRoutes,
    forceHsts: config.cookieSecure,
    ops: {
      readiness: readinessChecks({
        stores,
        queue,
        remotePortal: config.portal.mode === "remote" ? portal.client : null,
      }),
      shuttingDown: () => shuttingDown,
      metrics: { registry: metrics.registry, token: config.metricsToken },
    },
    observers: [webhookRejections(metrics)],
  });
  return {
    kb,
    retriever,
    stores,
    assistant,
    http,
    portal,
    queue,
    photos,
    metrics,
    beginShutdown: () => void (shuttingDown = true),
    close: async () => {
      shuttingDown = true;
      await channels.stop();
      await queue.close();
      await limits.close();
      await portal.close();
      await stores.close();
    },
  };
}
