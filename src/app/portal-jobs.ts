// Background work around the portal, on the job queue: resend confirmed forms the portal did not
// take (idempotent, retried with backoff) and turn each signed status callback into one message.
import type { Assistant } from "../core/assistant.js";
import { statusChangePlans, submissionPlans } from "../core/dialogue/index.js";
import type { KnowledgeBase } from "../core/knowledge/index.js";
import type { ConfirmedForm, Stores } from "../core/ports.js";
import type { JobQueue } from "../jobs/types.js";
import { statusCallbackSchema, type StatusCallback } from "../portal/contract.js";
import type { PortalPorts } from "../portal/portal-ports.js";

export const CREATE_JOB = "portal-create";
export const STATUS_JOB = "portal-status";

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
    const plans = statusChangePlans(
      {
        kind: "found",
        code: cb.dossierCode,
        statusCode: cb.status,
        statusLabel: cb.statusLabel,
        procedure: link.procedure,
        appointment: cb.appointmentDate,
        requests: cb.requests,
      },
      deps.now(),
    );
    await deps.assistant.deliver(link.conversationId, plans);
  });
}
