// Development mode: a getUpdates long-poll loop (30 s; error 408 = nothing arrived) handing each update
// to the inbound runner, backing off after errors; stop() aborts the request in flight and waits.
import { setTimeout as sleep } from "node:timers/promises";
import type { EventLog } from "../../core/ports.js";
import type { InboundRunner } from "../common/index.js";
import type { ZaloClient } from "./client.js";
import type { ZaloUpdate } from "./update.js";

export interface ZaloPollerDeps {
  readonly client: Pick<ZaloClient, "getUpdates">;
  readonly translate: (update: unknown) => ZaloUpdate;
  readonly log: EventLog;
  /** Long-poll time asked of Zalo (default 30 s). */
  readonly pollSeconds?: number;
  /** Wait after the first failure (default 1 s), doubling up to `backoffMaxMs` (default 60 s). */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
}

/** Starts and stops the loop; one loop at a time. */
export interface ZaloPoller {
  start(inbound: InboundRunner): Promise<void>;
  stop(): Promise<void>;
}

export function createZaloPoller(deps: ZaloPollerDeps): ZaloPoller {
  let controller: AbortController | null = null;
  let loop: Promise<void> | null = null;

  async function handle(update: unknown, inbound: InboundRunner): Promise<void> {
    const translated = deps.translate(update);
    if (translated.kind === "malformed") deps.log.warn("zalo.poll.malformed", {});
    if (translated.kind !== "turn") return;
    try {
      await inbound.accept(translated.key, translated.turn);
    } catch (err) {
      deps.log.error("zalo.poll.queue-failed", { error: err instanceof Error ? err.name : "unknown" });
    }
  }

  async function run(inbound: InboundRunner, signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const result = await deps.client.getUpdates(deps.pollSeconds ?? 30, signal);
        failures = 0;
        // One update per call is documented; a list is accepted too.
        for (const update of result === null ? [] : Array.isArray(result) ? result : [result])
          await handle(update, inbound);
      } catch (err) {
        if (signal.aborted) break;
        failures += 1;
        deps.log.warn("zalo.poll.failed", {
          failures,
          error: err instanceof Error ? err.message : "unknown",
        });
        await sleep(backoffMs(failures), undefined, { signal }).catch(() => undefined);
      }
    }
  }

  function backoffMs(failures: number): number {
    const base = deps.backoffBaseMs ?? 1_000;
    return Math.min(deps.backoffMaxMs ?? 60_000, base * 2 ** (failures - 1));
  }

  return {
    start(inbound) {
      if (loop) return Promise.resolve();
      controller = new AbortController();
      loop = run(inbound, controller.signal);
      return Promise.resolve();
    },
    async stop() {
      controller?.abort();
      await loop;
      loop = null;
      controller = null;
    },
  };
}
