// Background work around the portal, on the job queue: resend confirmed forms the portal did not
// take (idempotent, retried with backoff) and turn each signed status callback into one message.
// When a remote portal's callbacks are off, a repeating job polls every linked dossier instead.
import type { Assistant } from "../core/assistant.js";
import { statusChangePlans, submissionPlans } from "../core/dialogue/index.js";
import type { KnowledgeBase } from "../core/knowledge/index.js";
import type { ConfirmedForm, Stores } from "../core/ports.js";
import type { JobQueue } from "../jobs/types.js";
import { PortalRejectedError, PortalUnavailableError, type PortalClient } from "../portal/client/index.js";
import { statusCallbackSchema, type StatusCallback } from "../portal/contract.js";
import type { PortalPorts } from "../portal/portal-ports.js";
import { dropAttachmentsIfFinal } from "../photos/index.js";

export const CREATE_JOB = "portal-create";
export const STATUS_JOB = "portal-status";
export const POLL_JOB = "portal-poll";
/** Most links one poll round checks (newest first). */
export const POLL_LIMIT = 1_000;

export interface PortalJobsDeps {
  readonly queue: JobQueue;
  readonly ports: Pick<PortalPorts, "submitNow">;
  readonly stores: Stores;
  readonly assistant: Pick<Assistant, "deliver">;
  readonly kb: KnowledgeBase;
  readonly now: () => number;
}

/** Queues a confirmed form for another try; the form id makes the job (and the dossier) unique. */
export function queueSubmission(queue: JobQueue, form: ConfirmedForm, channel: string): Promise<void> {
  return queue.add(CREATE_JOB, { formId: form.id, channel }, { jobId: `create-${form.id}` });
}

/** Queues a verified callback; its eventId makes the notification go out once. */
export function queueStatusChange(queue: JobQueue, callback: StatusCallback): Promise<void> {
  return queue.add(STATUS_JOB, callback, { jobId: `status-${callback.eventId}` });
}

export function registerPortalJobs(deps: PortalJobsDeps): void {
  const procedures = new Map(deps.kb.procedures.map((p) => [p.slug, p]));
  const docNames = new Map([...deps.kb.documents.values()].map((d) => [d.id, d.name]));

  deps.queue.process(
    CREATE_JOB,
    async (data) => {
      const form = await deps.stores.forms.get(String(data.formId));
      if (!form) return; // erased in the meantime: nothing to send
      const contact = { channel: String(data.channel), conversationId: form.conversationId };
      const outcome = await deps.ports.submitNow(form, contact); // throws while the portal is down
      const p = procedures.get(form.procedure);
      if (p) await deps.assistant.deliver(form.conversationId, submissionPlans(outcome, p, docNames));
    },
    { attempts: 30, backoffMs: 5_000 },
  );

  deps.queue.process(STATUS_JOB, async (data) => {
    const cb = statusCallbackSchema.parse(data);
    const link = await deps.stores.dossiers.byCode(cb.dossierCode);
    if (!link) return; // not created here, or erased: nobody to tell
    const plans = statusChange(cb.dossierCode, link.procedure, cb, deps.now());
    await deps.assistant.deliver(link.conversationId, plans);
    // A finished dossier needs no attached photos any more.
    await dropAttachmentsIfFinal(deps.stores.attachments, link.conversationId, cb.status);
  });
}

/** The notification of a dossier's new status, from a callback or a polled dossier (same fields). */
function statusChange(
  code: string,
  procedure: string,
  s: Pick<StatusCallback, "status" | "statusLabel" | "appointmentDate" | "requests">,
  now: number,
) {
  return statusChangePlans(
    {
      kind: "found",
      code,
      statusCode: s.status,
      statusLabel: s.statusLabel,
      procedure,
      appointment: s.appointmentDate,
      requests: s.requests,
    },
    now,
  );
}

export interface PollDeps {
  readonly client: Pick<PortalClient, "getDossier">;
  readonly stores: Pick<Stores, "dossiers" | "attachments">;
  readonly assistant: Pick<Assistant, "deliver">;
  readonly now: () => number;
}

/**
 * One poll round: looks every linked dossier up with its access token and, when its status moved
 * since the last one seen, tells the conversation once and remembers the new status. A link written
 * before polling existed (no lastStatus) only records the status. Stops early while the portal is
 * down (the next round tries again). Returns how many notifications went out.
 */
export async function pollDossierStatuses(deps: PollDeps): Promise<number> {
  let sent = 0;
  for (const link of await deps.stores.dossiers.recent(POLL_LIMIT)) {
    let dossier;
    try {
      dossier = await deps.client.getDossier(link.code, { accessToken: link.accessToken });
    } catch (err) {
      if (err instanceof PortalUnavailableError) break;
      if (err instanceof PortalRejectedError) continue;
      throw err;
    }
    if (!dossier || dossier.status === link.lastStatus) continue;
    const current = await deps.stores.dossiers.byCode(link.code);
    if (current?.conversationId !== link.conversationId) continue; // erased or moved meanwhile
    if (link.lastStatus !== undefined) {
      await deps.assistant.deliver(
        link.conversationId,
        statusChange(dossier.code, link.procedure, dossier, deps.now()),
      );
      sent += 1;
    }
    await deps.stores.dossiers.link({ ...current, lastStatus: dossier.status });
    await dropAttachmentsIfFinal(deps.stores.attachments, link.conversationId, dossier.status);
  }
  return sent;
}

/** Polls the portal every `everyMs` (a remote portal whose callbacks are off). */
export async function schedulePortalPoll(queue: JobQueue, deps: PollDeps, everyMs: number): Promise<void> {
  queue.process(POLL_JOB, async () => void (await pollDossierStatuses(deps)), {
    attempts: 1,
    concurrency: 1,
  });
  await queue.schedule(POLL_JOB, "status-poll", everyMs, {});
}
