// Typed errors of the PortalClient. Messages are built from our own words, the HTTP status and the
// dossier code only: never ID numbers, tokens or form values (portal-supplied texts are redacted).
import type { PortalErrorBody } from "../contract.js";

export type PortalErrorCode = PortalErrorBody["error"]["code"];

export abstract class PortalError extends Error {
  abstract readonly kind: "unavailable" | "rejected" | "protocol";
}

/** The portal could not be reached or kept failing: network error, timeout or 5xx after retries. */
export class PortalUnavailableError extends PortalError {
  override readonly name = "PortalUnavailableError";
  readonly kind = "unavailable";
  constructor(
    readonly operation: string,
    readonly reason: "network" | "timeout" | "server",
    readonly attempts: number,
    /** HTTP status of the last answer (5xx) or null when none arrived. */
    readonly status: number | null,
    /** Low-level error code such as ECONNRESET, ETIMEDOUT. */
    readonly errorCode: string | null,
  ) {
    const detail = status !== null ? `HTTP ${status}` : (errorCode ?? reason);
    super(`portal unavailable (${reason}, ${detail}) after ${attempts} attempt(s): ${operation}`);
  }
}

/**
 * The portal refused the request with a 4xx and a contract error body. The portal's own texts are
 * redacted and non-enumerable, so loggers and `inspect` never print them; read them explicitly.
 */
export class PortalRejectedError extends PortalError {
  override readonly name = "PortalRejectedError";
  readonly kind = "rejected";
  /** The portal's own explanation, redacted of ID numbers, tokens and form values. */
  declare readonly portalMessage: string;
  /** For invalid-form: field name → problem (redacted like portalMessage). */
  declare readonly fields: Readonly<Record<string, string>>;
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly code: PortalErrorCode,
    portalMessage: string,
    fields: Readonly<Record<string, string>>,
  ) {
    const names = Object.keys(fields);
    super(
      `portal rejected ${operation}: HTTP ${status} ${code}` +
        (names.length ? ` (fields: ${names.join(", ")})` : ""),
    );
    Object.defineProperties(this, {
      portalMessage: { value: portalMessage, enumerable: false },
      fields: { value: Object.freeze({ ...fields }), enumerable: false },
    });
  }
}

/** The portal answered something that does not follow the contract. */
export class PortalProtocolError extends PortalError {
  override readonly name = "PortalProtocolError";
  readonly kind = "protocol";
  constructor(
    readonly operation: string,
    readonly status: number | null,
    /** What was wrong: JSON paths of the failed checks, never the values. */
    readonly problems: readonly string[],
  ) {
    super(
      `portal broke the contract on ${operation}` +
        (status !== null ? ` (HTTP ${status})` : "") +
        (problems.length ? `: ${problems.join("; ")}` : ""),
    );
  }
}

const ID_LIKE = /\d{9,}/g;
const MIN_SECRET_LENGTH = 4;

/** Removes runs of 9+ digits (CCCD/CMND, phone numbers) and any of the given secrets from a text. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join("[…]");
  }
  return out.replace(ID_LIKE, "[…]");
}
