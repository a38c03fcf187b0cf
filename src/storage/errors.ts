// Typed errors raised by the storage adapters. Callers catch them at the turn boundary and answer
// politely ("please try again"); messages carry no conversation ids or other personal data.

/** Waiting for a conversation's lock took longer than the configured bound; the turn did not run. */
export class LockTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`Timed out after ${waitedMs} ms waiting for the conversation lock`);
    this.name = "LockTimeoutError";
  }
}
