// Prometheus metrics of one app instance (prom-client): default process metrics plus motcua's
// counters and the turn latency histogram, on a registry of its own (several apps may share a process).
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { QuestionOutcome } from "../core/ports.js";

/** Turn latency buckets (seconds): sub-millisecond rule turns up to slow model-backed ones. */
const TURN_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What a turn became: the question-log outcomes, "other" (form answers, photos, commands), "error". */
export type TurnOutcome = QuestionOutcome | "other" | "error";

/** Result of one webhook update at the edge. */
export type WebhookResult = "queued" | "duplicate" | "rejected";

/** The instruments; labels are bounded sets (channel names, outcomes, kinds), never user data. */
export interface Metrics {
  readonly registry: Registry;
  readonly turns: Counter<"channel" | "outcome">;
  readonly turnSeconds: Histogram<"channel">;
  readonly handoffsOpened: Counter<"reason">;
  readonly retrievalMisses: Counter<"channel">;
  readonly portalErrors: Counter<"kind">;
  readonly sendFailures: Counter<"channel" | "kind">;
  readonly webhookUpdates: Counter<"channel" | "result">;
}

/** Creates a registry with default process metrics and every motcua instrument. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    turns: new Counter({
      name: "motcua_turns_total",
      help: "Citizen turns handled, by channel and outcome",
      labelNames: ["channel", "outcome"],
      registers,
    }),
    turnSeconds: new Histogram({
      name: "motcua_turn_duration_seconds",
      help: "Time to handle one turn (lock, understanding, retrieval, effects, save)",
      labelNames: ["channel"],
      buckets: TURN_BUCKETS,
      registers,
    }),
    handoffsOpened: new Counter({
      name: "motcua_handoffs_opened_total",
      help: "Conversations handed to a one-stop officer, by reason",
      labelNames: ["reason"],
      registers,
    }),
    retrievalMisses: new Counter({
      name: "motcua_retrieval_misses_total",
      help: "Questions answered with 'not understood / no procedure found', by channel",
      labelNames: ["channel"],
      registers,
    }),
    portalErrors: new Counter({
      name: "motcua_portal_errors_total",
      help: "Failed portal calls, by kind (unavailable, rejected, protocol, other)",
      labelNames: ["kind"],
      registers,
    }),
    sendFailures: new Counter({
      name: "motcua_channel_send_failures_total",
      help: "Failed sends to a push channel API, by channel and kind (retry, rejected, error)",
      labelNames: ["channel", "kind"],
      registers,
    }),
    webhookUpdates: new Counter({
      name: "motcua_webhook_updates_total",
      help: "Webhook updates received, by channel and result (queued, duplicate, rejected)",
      labelNames: ["channel", "result"],
      registers,
    }),
  };
}

/** A label value from a small known vocabulary: lower-case words and dashes, else "other". */
export function safeLabel(value: unknown): string {
  return typeof value === "string" && /^[a-z][a-z0-9-]{0,31}$/.test(value) ? value : "other";
}
