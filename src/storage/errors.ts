// Typed errors raised by the storage adapters. Callers catch them at the turn boundary and answer
// politely ("please try again"); messages carry no conversation ids or other personal data.

/** Waiting for a conversation's lock took longer than the configured bound; the turn did not run. */
export class LockTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`Timed out after ${waitedMs} ms waiting for the conversation lock`);
    this.name = "LockTimeoutError";
  }
}

/** Cuts `secret` out of an error's message and stack, and out of its causes. */
function scrub(err: unknown, secret: string, depth = 0): void {
  if (!(err instanceof Error) || depth > 5) return;
  err.message = err.message.replaceAll(secret, "[redacted]");
  if (err.stack !== undefined) err.stack = err.stack.replaceAll(secret, "[redacted]");
  scrub(err.cause, secret, depth + 1);
}

/**
 * Runs a storage call whose arguments carry a credential (a portal access token): if it fails, the
 * credential is cut out of the error before the error goes any further.
 */
export async function withoutSecret<T>(secret: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof Error)) throw new Error("Storage call failed");
    if (typeof secret === "string" && secret !== "") scrub(err, secret);
    throw err;
  }
}
