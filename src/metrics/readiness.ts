// The dependencies /readyz checks for this app: the stores backend, the job queue and, when the
// portal is remote, the portal's health endpoint. Names only: no URL or secret is ever shown.
import type { ReadinessCheck } from "../http/health-route.js";

/** Job name the queue probe lists failures of: never added, so the query touches the backend only. */
const PROBE_JOB = "readyz-probe";

export interface ReadinessSources {
  readonly stores: { ping(): Promise<boolean> };
  readonly queue: { failed(name: string): Promise<unknown> };
  /** The remote portal's client; null for the embedded sandbox (in-process) or no portal. */
  readonly remotePortal: { health(): Promise<boolean> } | null;
}

/** The checks of /readyz, in display order. */
export function readinessChecks(sources: ReadinessSources): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [
    { name: "stores", check: () => sources.stores.ping() },
    { name: "jobs", check: () => sources.queue.failed(PROBE_JOB).then(() => true) },
  ];
  const portal = sources.remotePortal;
  if (portal) checks.push({ name: "portal", check: () => portal.health() });
  return checks;
}
