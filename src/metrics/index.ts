// Public face of the metrics module: the Prometheus registry and instruments, the edge observers
// that move them, the webhook rejection middleware and the readiness checks of /readyz.
export { createMetrics, safeLabel, type Metrics, type TurnOutcome, type WebhookResult } from "./registry.js";
export {
  observeAssistant,
  observeEventLog,
  observeInbound,
  observePortalClient,
  observeQuestionLog,
  observeSender,
  observeTurns,
} from "./observe.js";
export { webhookRejections } from "./http.js";
export { readinessChecks, type ReadinessSources } from "./readiness.js";
