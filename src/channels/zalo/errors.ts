// Zalo failures as channel errors: 429, 5xx, 403 (Zalo's "internal server error") and network trouble
// may work later; 400/401/404 never will. Messages never carry the URL or the bot token.
import { isAxiosError } from "axios";
import { ChannelRejectedError, ChannelRetryError } from "../common/index.js";

/** Zalo error codes worth another attempt (403 is documented as "internal server error"). */
function retryable(code: number): boolean {
  return code === 429 || code === 408 || code === 403 || code >= 500;
}

/** Zalo's own description, cut short, without the token or long digit runs (user ids). */
function clean(description: string, token: string): string {
  return description
    .split(token)
    .join("[token]")
    .replace(/\d{6,}/g, "…")
    .slice(0, 120);
}

/** Builders of the errors the Zalo client throws. */
export const zaloError = {
  /** An error answer of the API; `retryAfterMs` is the client's backoff after a 429. */
  api(
    method: string,
    code: number,
    description: string,
    token: string,
    retryAfterMs: number | undefined,
  ): Error {
    const text = `Zalo ${method}: error ${code}${description ? ` (${clean(description, token)})` : ""}`;
    if (code === 429) return new ChannelRetryError(text, retryAfterMs);
    return retryable(code) ? new ChannelRetryError(text) : new ChannelRejectedError(text);
  },

  /** No answer: network error, timeout or cancellation. The axios error (URL inside) is dropped. */
  network(method: string, err: unknown, token: string): Error {
    const code = isAxiosError(err) ? (err.code ?? "network") : err instanceof Error ? err.name : "unknown";
    return new ChannelRetryError(`Zalo ${method}: no answer (${clean(String(code), token)})`);
  },
};
