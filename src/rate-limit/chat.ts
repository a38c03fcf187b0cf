// The push channels' per-chat limit: whether a Telegram/Zalo turn may run now (the inbound runner
// answers an over-limit chat once with a polite notice instead of running its turn).
import type { RateLimiter } from "../core/ports.js";
import { isOn, type RateLimitPolicy } from "./policy.js";

/** True when the conversation's turn may run now; counts it. */
export function chatLimit(deps: {
  readonly limiter: RateLimiter;
  readonly policy: RateLimitPolicy;
  readonly now: () => number;
}): (conversationId: string) => Promise<boolean> {
  return async (conversationId) => {
    if (!isOn(deps.policy.perSession)) return true;
    const d = await deps.limiter.hit(`chat:${conversationId}`, deps.policy.perSession, deps.now());
    return d.allowed;
  };
}
