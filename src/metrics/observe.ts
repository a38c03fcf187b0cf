// Observers at the edges that move the counters: the assistant's turn function, the core's EventLog
// and QuestionLog ports, push senders, the inbound runner and the portal client. The core stays pure.
import { AsyncLocalStorage } from "node:async_hooks";
import { ChannelRejectedError, ChannelRetryError } from "../channels/common/types.js";
import type { InboundRunner, PushSender } from "../channels/common/index.js";
import type { InboundMessage, Reply } from "../core/messages.js";
import type { EventLog, QuestionLog } from "../core/ports.js";
import { PortalError, type PortalClient } from "../portal/client/index.js";
import { safeLabel, type Metrics, type TurnOutcome } from "./registry.js";

/** What the observers learn during one turn (propagated through the turn's async calls). */
interface TurnScope {
  outcome: TurnOutcome | null;
}
const scope = new AsyncLocalStorage<TurnScope>();

type HandleTurn = (msg: InboundMessage) => Promise<Reply[]>;

/** Wraps a turn function: counts it by channel and outcome and times it. */
export function observeTurns(metrics: Metrics, handleTurn: HandleTurn): HandleTurn {
  return async (msg) => {
    const turn: TurnScope = { outcome: null };
    const stop = metrics.turnSeconds.startTimer({ channel: safeLabel(msg.channel) });
    try {
      return await scope.run(turn, () => handleTurn(msg));
    } catch (err) {
      turn.outcome = "error";
      throw err;
    } finally {
      stop();
      metrics.turns.inc({ channel: safeLabel(msg.channel), outcome: turn.outcome ?? "other" });
    }
  };
}

/** The assistant with its `handleTurn` observed (every channel, the portal jobs and the CLI use it). */
export function observeAssistant<A extends { readonly handleTurn: HandleTurn }>(
  metrics: Metrics,
  assistant: A,
): A {
  return { ...assistant, handleTurn: observeTurns(metrics, assistant.handleTurn) };
}

/** The core's event log, watching for handoffs opened and failed turns. */
export function observeEventLog(metrics: Metrics, log: EventLog): EventLog {
  const seen = (event: string, data?: Readonly<Record<string, unknown>>): void => {
    if (event === "handoff.opened") metrics.handoffsOpened.inc({ reason: safeLabel(data?.reason) });
    if (event === "turn.failed") {
      const turn = scope.getStore();
      if (turn) turn.outcome = "error";
    }
  };
  return {
    info: (event, data) => (seen(event, data), log.info(event, data)),
    warn: (event, data) => (seen(event, data), log.warn(event, data)),
    error: (event, data) => (seen(event, data), log.error(event, data)),
  };
}

/** The question log, reading each question's outcome (retrieval misses are "not-understood"). */
export function observeQuestionLog(metrics: Metrics, questions: QuestionLog): QuestionLog {
  return {
    record: (conversationId, event) => {
      const turn = scope.getStore();
      if (turn) turn.outcome = event.outcome;
      if (event.outcome === "not-understood")
        metrics.retrievalMisses.inc({ channel: safeLabel(event.channel) });
      return questions.record(conversationId, event);
    },
    since: (since, limit) => questions.since(since, limit),
    deleteConversation: (conversationId) => questions.deleteConversation(conversationId),
  };
}

function sendFailureKind(err: unknown): string {
  if (err instanceof ChannelRetryError) return "retry";
  if (err instanceof ChannelRejectedError) return "rejected";
  return "error";
}

/** A push sender whose failed sends are counted by channel and kind. */
export function observeSender(metrics: Metrics, sender: PushSender): PushSender {
  const channel = sender.channel;
  return {
    channel,
    send: async (chatId, reply) => {
      try {
        await sender.send(chatId, reply);
      } catch (err) {
        metrics.sendFailures.inc({ channel, kind: sendFailureKind(err) });
        throw err;
      }
    },
    ...(sender.typing ? { typing: sender.typing.bind(sender) } : {}),
    ...(sender.download ? { download: sender.download.bind(sender) } : {}),
  };
}

/** The inbound runner, counting updates queued or duplicate by channel ("telegram:update:1" → telegram). */
export function observeInbound(metrics: Metrics, runner: InboundRunner): InboundRunner {
  return {
    accept: async (updateKey, turn) => {
      const result = await runner.accept(updateKey, turn);
      metrics.webhookUpdates.inc({ channel: safeLabel(updateKey.split(":")[0]), result: safeLabel(result) });
      return result;
    },
  };
}

const PORTAL_CALLS = new Set<string | symbol>(["createDossier", "getDossier", "changeStatus"]);

/** The portal client, counting failed calls by error kind (unavailable, rejected, protocol, other). */
export function observePortalClient(metrics: Metrics, client: PortalClient): PortalClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (!PORTAL_CALLS.has(property) || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        try {
          return (await value.apply(target, args)) as unknown;
        } catch (err) {
          metrics.portalErrors.inc({ kind: err instanceof PortalError ? err.kind : "other" });
          throw err;
        }
      };
    },
  });
}
