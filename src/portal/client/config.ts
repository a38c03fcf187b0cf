// Settings of the PortalClient (base URL, API key, per-attempt timeout, retry and total budgets),
// validated with zod so a bad value fails at start-up rather than on the citizen's first dossier.
import { z } from "zod";

export const portalClientConfigSchema = z.object({
  /** Root of the portal API, e.g. "http://127.0.0.1:8090" (paths start with /v1/). */
  baseUrl: z.url(),
  /** Sent as `Authorization: Bearer <apiKey>` on every citizen-side call. */
  apiKey: z.string().min(1),
  /** Timeout of one attempt (connect + answer), in milliseconds. */
  timeoutMs: z.number().int().positive().default(5_000),
  /** Retries after the first attempt, on network errors, timeouts and 5xx only. */
  retries: z.number().int().min(0).max(10).default(3),
  /** First backoff delay; doubles on every retry, with jitter, up to `backoffMaxMs`. */
  backoffBaseMs: z.number().int().min(0).default(200),
  backoffMaxMs: z.number().int().min(0).default(3_000),
  /** Hard bound on one call including every retry and backoff. */
  totalTimeoutMs: z.number().int().positive().default(20_000),
  /** Liveness endpoint probed by `health()` (the sandbox portal answers on /healthz). */
  healthPath: z.string().startsWith("/").default("/healthz"),
});
export type PortalClientConfig = z.input<typeof portalClientConfigSchema>;
export type ResolvedPortalClientConfig = z.output<typeof portalClientConfigSchema>;

export function resolveConfig(config: PortalClientConfig): ResolvedPortalClientConfig {
  const parsed = portalClientConfigSchema.safeParse(config);
  if (!parsed.success) {
    // Only the paths: the values include the API key.
    const paths = parsed.error.issues.map((i) => i.path.join(".") || "(root)").join(", ");
    throw new TypeError(`invalid PortalClient config: ${paths}`);
  }
  return parsed.data;
}
