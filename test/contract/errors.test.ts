// The storage guard for calls that carry a credential: a failure never repeats the secret.
import { describe, expect, it } from "vitest";
import { withoutSecret } from "../../src/storage/errors.js";

const secret = "tok-0123456789abcdef";

describe("withoutSecret", () => {
  it("passes results through", async () => {
    expect(await withoutSecret(secret, () => Promise.resolve(7))).toBe(7);
  });

  it("cuts the secret out of the message, stack and causes of an error", async () => {
    const cause = new Error(`driver saw ${secret}`);
    const failure = new Error(`write of ${secret} failed`, { cause });
    const error: unknown = await withoutSecret(secret, () => Promise.reject(failure)).catch(
      (e: unknown) => e,
    );
    expect(error).toBe(failure);
    expect(failure.message).toBe("write of [redacted] failed");
    expect(failure.stack).not.toContain(secret);
    expect(cause.message).toBe("driver saw [redacted]");
    expect(cause.stack).not.toContain(secret);
  });

  it("replaces a thrown non-error by a plain error", async () => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what a bad driver might do
    const rejectWithSecret = (): Promise<never> => Promise.reject(secret);
    const error: unknown = await withoutSecret(secret, rejectWithSecret).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).not.toContain(secret);
  });
});
