// The edge between axios and the PortalClient's callers: parses bodies with the contract's zod schemas
// and turns every axios failure into PortalUnavailableError, PortalRejectedError or PortalProtocolError.
import { AxiosError } from "axios";
import type { z } from "zod";
import { portalErrorSchema } from "../contract.js";
import {
  PortalProtocolError,
  PortalRejectedError,
  PortalUnavailableError,
  redact,
  type PortalError,
} from "./errors.js";
import { attemptsOf, isCanceled, isTimeout } from "./http.js";

/** JSON paths and issue kinds of a zod failure; never the offending values. */
function problemsOf(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((i) => `${i.path.join(".") || "(body)"}: ${i.code}`);
}

/** Parses a raw body as JSON then with `schema`; anything else is a PortalProtocolError. */
export function parseBody<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  operation: string,
  status: number,
): z.output<S> {
  let json: unknown;
  try {
    json = typeof raw === "string" ? JSON.parse(raw) : raw;
  } catch {
    throw new PortalProtocolError(operation, status, ["body is not JSON"]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new PortalProtocolError(operation, status, problemsOf(parsed.error));
  return parsed.data;
}

/**
 * Maps a failed axios call. `deadlineHit` says the call's total time budget aborted it. `secrets` are
 * the values of this request (ID number, tokens, form values) to scrub from portal-supplied texts.
 */
export function mapFailure(
  error: unknown,
  operation: string,
  deadlineHit: boolean,
  secrets: readonly string[],
): PortalError {
  if (!(error instanceof AxiosError)) {
    // Not a transport failure (a bug, or an abort from elsewhere): report without its text or cause.
    return new PortalProtocolError(operation, null, [
      `unexpected ${error instanceof Error ? error.name : "failure"}`,
    ]);
  }
  const attempts = attemptsOf(error);
  const response = error.response;
  if (!response) {
    if (isCanceled(error) || isTimeout(error) || deadlineHit)
      return new PortalUnavailableError(
        operation,
        "timeout",
        attempts,
        null,
        deadlineHit ? "DEADLINE" : (error.code ?? null),
      );
    return new PortalUnavailableError(operation, "network", attempts, null, error.code ?? null);
  }
  const status = response.status;
  if (status >= 500) return new PortalUnavailableError(operation, "server", attempts, status, null);
  if (status < 400) return new PortalProtocolError(operation, status, ["unexpected status"]);
  let body: z.output<typeof portalErrorSchema>["error"];
  try {
    body = parseBody(portalErrorSchema, response.data, operation, status).error;
  } catch (protocol) {
    if (protocol instanceof PortalProtocolError) return protocol;
    throw protocol;
  }
  const fields = Object.fromEntries(
    Object.entries(body.fields ?? {}).map(([name, problem]) => [
      redact(name, secrets),
      redact(problem, secrets),
    ]),
  );
  return new PortalRejectedError(operation, status, body.code, redact(body.message, secrets), fields);
}
