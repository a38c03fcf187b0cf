// The limits motcua applies, from the configuration: chat turns per session / chat and per client
// address each minute, and wrong owner ID numbers per conversation and per dossier code each hour.
import type { RateRule } from "../core/ports.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Limits in force; a rule with `max` 0 is off. */
export interface RateLimitPolicy {
  /** Chat turns per web session or push chat. */
  readonly perSession: RateRule;
  /** Chat turns per client address (web chat). */
  readonly perAddress: RateRule;
  /** Wrong owner ID numbers per conversation, and per dossier code. */
  readonly ownerIdFailures: RateRule;
  /** Take the client address from the last X-Forwarded-For entry (behind a trusted reverse proxy). */
  readonly trustProxy: boolean;
}

/** Builds the policy from the configured counts. */
export function rateLimitPolicy(settings: {
  readonly perMinute: number;
  readonly perAddressPerMinute: number;
  readonly ownerIdFailuresPerHour: number;
  readonly trustProxy: boolean;
}): RateLimitPolicy {
  return {
    perSession: { max: settings.perMinute, windowMs: MINUTE_MS },
    perAddress: { max: settings.perAddressPerMinute, windowMs: MINUTE_MS },
    ownerIdFailures: { max: settings.ownerIdFailuresPerHour, windowMs: HOUR_MS },
    trustProxy: settings.trustProxy,
  };
}

/** Whether a rule limits anything (max 0 = off). */
export const isOn = (rule: RateRule): boolean => rule.max > 0;

/** Seconds to announce in Retry-After for a wait in milliseconds (at least 1). */
export const retryAfterSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));
