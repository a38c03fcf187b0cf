// The core's DossierPort and StatusPort over the PortalClient: confirmed forms become pre-filled
// dossiers (idempotent per form), lookups prove ownership with the stored token or the owner's ID.
import type { KnowledgeBase, Procedure } from "../core/knowledge/index.js";
import type {
  ConfirmedForm,
  DossierPort,
  DossierStore,
  StatusAnswer,
  StatusPort,
  SubmitOutcome,
} from "../core/ports.js";
import { PortalRejectedError, PortalUnavailableError, type PortalClient } from "./client/index.js";
import type { CreateDossierRequest, Dossier } from "./contract.js";

export interface PortalPortsDeps {
  readonly client: PortalClient;
  readonly links: DossierStore;
  readonly kb: KnowledgeBase;
  /** Receiving unit code used for new dossiers (e.g. "H29.31"). */
  readonly agencyCode: string;
  /** Receipt files for a created dossier (empty when receipts are not served). */
  readonly receiptFiles?: (code: string) => ReadonlyArray<{ name: string; mime: string; url: string }>;
  readonly now?: () => number;
  /**
   * Called when the portal did not answer: returns true when the form was queued to be sent again
   * (the citizen is then told it will happen automatically), false to report "unavailable".
   */
  readonly onUnavailable?: (form: ConfirmedForm, contact: Contact) => Promise<boolean>;
}

type Contact = { readonly channel: string; readonly conversationId: string };

/** The first value of a field of the given type (the applicant is the form's first person). */
function firstOfType(p: Procedure, form: ConfirmedForm, type: string): string | null {
  const field = p.form?.fields.find((f) => f.type === type && form.values[f.name]);
  return field ? (form.values[field.name] ?? null) : null;
}

function request(
  p: Procedure,
  form: ConfirmedForm,
  agencyCode: string,
  contact: CreateDossierRequest["contact"],
) {
  const idNumber = (firstOfType(p, form, "cccd") ?? "").replace(/\D/g, "");
  const fullName = firstOfType(p, form, "person_name");
  if (!fullName || idNumber.length !== 12) return null;
  return {
    procedure: p.slug,
    procedureCode: p.code,
    agencyCode,
    formData: { ...form.values },
    applicant: { fullName, idNumber, phone: firstOfType(p, form, "phone") },
    contact,
  } satisfies CreateDossierRequest;
}

function found(d: Dossier): StatusAnswer {
  return {
    kind: "found",
    code: d.code,
    statusCode: d.status,
    statusLabel: d.statusLabel,
    procedure: d.procedure,
    appointment: d.appointmentDate,
    requests: d.requests,
  };
}

export interface PortalPorts {
  readonly dossiers: DossierPort;
  readonly status: StatusPort;
  /** One submission attempt that throws PortalUnavailableError (for the retry job). */
  readonly submitNow: (form: ConfirmedForm, contact: Contact) => Promise<SubmitOutcome>;
}

export function createPortalPorts(deps: PortalPortsDeps): PortalPorts {
  const procedures = new Map(deps.kb.procedures.map((p) => [p.slug, p]));
  const now = deps.now ?? Date.now;
  const labels = (p: Procedure, fields: Readonly<Record<string, string>>): Record<string, string> =>
    Object.fromEntries(
      Object.entries(fields).map(([name, problem]) => {
        const label = p.form?.fields.find((f) => f.name === name)?.label ?? name;
        return [name, `${label}: ${problem}`];
      }),
    );

  /** One attempt; throws PortalUnavailableError when the portal does not answer. */
  async function submitNow(form: ConfirmedForm, contact: Contact): Promise<SubmitOutcome> {
    const p = procedures.get(form.procedure);
    const channel = contact.channel as CreateDossierRequest["contact"]["channel"];
    const body = p
      ? request(p, form, deps.agencyCode, { channel, conversationId: contact.conversationId })
      : null;
    if (!p || !body) return { kind: "not-connected" };
    try {
      // The confirmed form's id is the idempotency key: a retry can never create a second dossier.
      const created = await deps.client.createDossier(body, `form-${form.id}`);
      const d = created.dossier;
      await deps.links.link({
        code: d.code,
        conversationId: contact.conversationId,
        procedure: p.slug,
        accessToken: created.accessToken,
        createdAt: now(),
        lastStatus: d.status,
      });
      return {
        kind: "created",
        code: d.code,
        statusLabel: d.statusLabel,
        appointment: d.appointmentDate,
        finishUrl: d.finishUrl,
        receipt: deps.receiptFiles?.(d.code) ?? [],
      };
    } catch (err) {
      if (err instanceof PortalRejectedError && err.code === "invalid-form")
        return { kind: "rejected", fields: labels(p, err.fields) };
      throw err;
    }
  }

  const dossiers: DossierPort = {
    async submit(form, contact): Promise<SubmitOutcome> {
      try {
        return await submitNow(form, contact);
      } catch (err) {
        if (!(err instanceof PortalUnavailableError)) throw err;
        const queued = (await deps.onUnavailable?.(form, contact)) ?? false;
        return { kind: queued ? "queued" : "unavailable" };
      }
    },
  };

  const status: StatusPort = {
    async lookup(code, conversationId, ownerId) {
      const link = await deps.links.byCode(code);
      const mine = link?.conversationId === conversationId ? link : null;
      if (!mine && !ownerId) return { kind: "needs-owner-id" };
      try {
        const proof = mine ? { accessToken: mine.accessToken } : { ownerIdNumber: ownerId ?? "" };
        const d = await deps.client.getDossier(code, proof);
        return d ? found(d) : { kind: "not-found" };
      } catch (err) {
        if (err instanceof PortalRejectedError) return { kind: "not-found" };
        return { kind: "unavailable" };
      }
    },
    async listFor(conversationId) {
      return (await deps.links.linksFor(conversationId)).map((l) => l.code);
    },
  };
  return { dossiers, status, submitNow };
}
