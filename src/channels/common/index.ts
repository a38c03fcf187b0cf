// Public face of the shared channel machinery: the push sender contract, the dispatcher of outgoing
// replies, the inbound runner (dedupe + queued turns), the outbox router and size-limited body reading.
export * from "./types.js";
export { createPushDispatcher, SEND_JOB, type PushDispatcher, type DispatcherDeps } from "./dispatcher.js";
export {
  createInboundRunner,
  TURN_JOB,
  type InboundRunner,
  type InboundDeps,
  type PendingTurn,
} from "./inbound.js";
export { routeOutbox } from "./routed-outbox.js";
export { createTurnOrder, type TurnOrder, type TurnOrderDeps } from "./turn-order.js";
export { createRateLimiter, type RateLimiter, type RateLimitOptions } from "./rate-limit.js";
export { sameSecret } from "./secret.js";
export { readBodyBytes, readBodyText, TOO_LARGE } from "./read-body.js";
export { absoluteUrl } from "./public-url.js";
