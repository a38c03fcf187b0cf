// PortalClient: motcua's side of the portal contract (create a dossier, look one up with proof of
// ownership, staff status changes, health) over axios, every answer parsed with the contract's zod schemas.
import type { AxiosRequestConfig } from "axios";
import type { z } from "zod";
import {
  ACCESS_TOKEN_HEADER,
  OWNER_ID_HEADER,
  createDossierRequestSchema,
  createDossierResponseSchema,
  dossierSchema,
  normaliseDossierCode,
  statusChangeRequestSchema,
  type CreateDossierRequest,
  type CreateDossierResponse,
  type Dossier,
  type StatusChangeRequest,
} from "../contract.js";
import { resolveConfig, type PortalClientConfig, type ResolvedPortalClientConfig } from "./config.js";
import { mapFailure, parseBody } from "./edge.js";
import { PortalRejectedError } from "./errors.js";
import { createHttp } from "./http.js";

/** How a lookup proves the caller may see the dossier: the owner's CCCD number or the access token. */
export type OwnershipProof = { ownerIdNumber: string } | { accessToken: string };

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

interface Call<S extends z.ZodType> {
  operation: string;
  request: AxiosRequestConfig;
  schema: S;
  /** Values of this request to keep out of any error text. */
  secrets: readonly string[];
}

export class PortalClient {
  private readonly config: ResolvedPortalClientConfig;
  private readonly http;

  constructor(config: PortalClientConfig) {
    this.config = resolveConfig(config);
    this.http = createHttp(this.config);
  }

  /** Creates a pre-filled dossier; the same `idempotencyKey` always yields the same dossier. */
  async createDossier(request: CreateDossierRequest, idempotencyKey: string): Promise<CreateDossierResponse> {
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) throw new TypeError("createDossier: invalid idempotency key");
    const checked = createDossierRequestSchema.safeParse(request);
    if (!checked.success) {
      const paths = checked.error.issues.map((i) => i.path.join(".")).join(", ");
      throw new TypeError(`createDossier: request does not follow the contract (${paths})`);
    }
    const body = checked.data;
    return this.call({
      operation: "POST /v1/dossiers",
      request: {
        method: "POST",
        url: "/v1/dossiers",
        data: body,
        headers: { "Idempotency-Key": idempotencyKey, "Content-Type": "application/json" },
      },
      schema: createDossierResponseSchema,
      secrets: [
        body.applicant.idNumber,
        body.applicant.fullName,
        body.applicant.phone ?? "",
        ...Object.values(body.formData),
      ],
    });
  }

  /** The dossier as its owner sees it, or null when the portal knows no such dossier (404). */
  async getDossier(rawCode: string, proof: OwnershipProof): Promise<Dossier | null> {
    const code = normaliseDossierCode(rawCode);
    if (code === null) return null;
    const [header, value] =
      "ownerIdNumber" in proof
        ? [OWNER_ID_HEADER, proof.ownerIdNumber]
        : [ACCESS_TOKEN_HEADER, proof.accessToken];
    if (typeof value !== "string" || value.length === 0)
      throw new TypeError("getDossier: an owner ID number or access token is required");
    try {
      return await this.call({
        operation: `GET /v1/dossiers/${code}`,
        request: {
          method: "GET",
          url: `/v1/dossiers/${encodeURIComponent(code)}`,
          headers: { [header]: value },
        },
        schema: dossierSchema,
        secrets: [value],
      });
    } catch (error) {
      if (error instanceof PortalRejectedError && error.status === 404) return null;
      throw error;
    }
  }

  /**
   * Staff: moves a dossier to a new status (tests and staff tools). Not retried: a status change has no
   * idempotency key, so a retry after a lost answer could record the change twice.
   */
  async changeStatus(rawCode: string, change: StatusChangeRequest, staffToken: string): Promise<Dossier> {
    const code = normaliseDossierCode(rawCode);
    if (code === null) throw new TypeError("changeStatus: not a dossier code");
    if (staffToken.length === 0) throw new TypeError("changeStatus: staff token required");
    const body = statusChangeRequestSchema.parse(change);
    const path = `/v1/staff/dossiers/${encodeURIComponent(code)}/status`;
    return this.call({
      operation: `POST /v1/staff/dossiers/${code}/status`,
      request: {
        method: "POST",
        url: path,
        data: body,
        headers: { Authorization: `Bearer ${staffToken}`, "Content-Type": "application/json" },
        "axios-retry": { retries: 0 },
      },
      schema: dossierSchema,
      secrets: [staffToken, ...(body.note ? [body.note] : [])],
    });
  }

  /** True when the portal answers its health endpoint with a 2xx within one attempt's timeout. */
  async health(): Promise<boolean> {
    try {
      const res = await this.http.request({
        method: "GET",
        url: this.config.healthPath,
        signal: AbortSignal.timeout(this.config.timeoutMs),
        "axios-retry": { retries: 0 },
      });
      return res.status >= 200 && res.status < 300;
    } catch {
      return false;
    }
  }

  private async call<S extends z.ZodType>({
    operation,
    request,
    schema,
    secrets,
  }: Call<S>): Promise<z.output<S>> {
    const secretList = [...secrets, this.config.apiKey];
    const signal = AbortSignal.timeout(this.config.totalTimeoutMs);
    let response;
    try {
      response = await this.http.request<unknown>({ ...request, signal });
    } catch (error) {
      throw mapFailure(error, operation, signal.aborted, secretList);
    }
    return parseBody(schema, response.data, operation, response.status);
  }
}
