// The sandbox's error answers: one typed error carrying the HTTP status and the contract's error
// body ({"error": {code, message, fields?}}), thrown by the store and turned into JSON at the edge.
import type { PortalErrorBody } from "../contract.js";

export type PortalErrorCode = PortalErrorBody["error"]["code"];

/** An answer the portal gives on purpose (4xx), with its contract error code. */
export class SandboxError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 500,
    readonly code: PortalErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "SandboxError";
  }

  body(): PortalErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) },
    };
  }
}

/** The one answer for "no such dossier" and "wrong proof of ownership": they must look the same. */
export function notFound(): SandboxError {
  return new SandboxError(404, "not-found", "Không tìm thấy hồ sơ với mã và thông tin xác minh đã gửi.");
}
