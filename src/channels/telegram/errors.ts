// grammY's errors mapped to the channel machinery's: 429, 5xx and network trouble are retried (the
// 429's retry_after honoured); a blocked bot, an unknown chat or a bad request is dropped.
import { GrammyError, HttpError } from "grammy";
import { ChannelRejectedError, ChannelRetryError } from "../common/index.js";

/**
 * The channel error for a failed Bot API call. Messages carry the error code and Telegram's short
 * description only: never the payload (message text), the URL or the token.
 */
export function toChannelError(err: unknown): ChannelRetryError | ChannelRejectedError {
  if (err instanceof ChannelRetryError || err instanceof ChannelRejectedError) return err;
  if (err instanceof GrammyError) {
    const what = `telegram ${err.error_code}: ${err.description.slice(0, 120)}`;
    if (err.error_code === 429) {
      const seconds = err.parameters.retry_after;
      return new ChannelRetryError(what, typeof seconds === "number" ? seconds * 1000 : undefined);
    }
    // 400 (chat not found, bad request) and 403 (bot blocked, user deactivated) will never work.
    if (err.error_code === 400 || err.error_code === 403) return new ChannelRejectedError(what);
    // 5xx, and 401/404 (a wrong token or API root: an operator can fix it while the job waits).
    return new ChannelRetryError(what);
  }
  if (err instanceof HttpError) return new ChannelRetryError("telegram network error");
  return new ChannelRetryError(`telegram call failed (${err instanceof Error ? err.name : "unknown"})`);
}

/** Whether a call was refused because of what we sent (a button or URL Telegram does not accept). */
export function isBadRequest(err: unknown): boolean {
  if (!(err instanceof GrammyError) || err.error_code !== 400) return false;
  return !/chat not found|user not found|chat_id is empty|peer_id_invalid/i.test(err.description);
}
