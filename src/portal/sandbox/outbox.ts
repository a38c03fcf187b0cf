// Durable delivery of status callbacks: rows queued in SQLite with the status change are POSTed,
// signed with HMAC at send time, retried with exponential backoff until a 2xx, in order per dossier.
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../contract.js";
import { signBody } from "../signature.js";
import type { Db } from "./db.js";

export interface OutboxOptions {
  readonly secret: string;
  /** First retry delay; doubles on every failure up to `maxMs`. */
  readonly baseMs: number;
  readonly maxMs: number;
  /** How often due callbacks are looked for (a new one is also sent right away via kick()). */
  readonly pollMs?: number;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly onError?: (info: { eventId: string; attempts: number; error: string }) => void;
}

interface OutboxRow {
  id: number;
  event_id: string;
  url: string;
  body: string;
  attempts: number;
}

export interface Outbox {
  start(): void;
  /** Looks for due callbacks now (after a status change). */
  kick(): void;
  /** Sends every due callback once; resolves when done (tests, shutdown). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/** The delay before attempt `attempts + 1`: base × 2^(attempts − 1), capped. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}

export function createOutbox(db: Db, options: OutboxOptions): Outbox {
  const doFetch = options.fetch ?? fetch;
  const due = db.prepare<[number], OutboxRow>(
    `SELECT id, event_id, url, body, attempts FROM outbox o
     WHERE delivered_at IS NULL AND next_attempt_at <= ?
       AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.code = o.code AND p.delivered_at IS NULL AND p.id < o.id)
     ORDER BY id LIMIT 20`,
  );
  const delivered = db.prepare("UPDATE outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?");
  const failed = db.prepare(
    "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
  );
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;

  const send = async (row: OutboxRow): Promise<void> => {
    const timestamp = Math.floor(Date.now() / 1000);
    let error: string;
    try {
      const res = await doFetch(row.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signBody(options.secret, timestamp, row.body),
        },
        body: row.body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) {
        delivered.run(new Date().toISOString(), row.id);
        return;
      }
      error = `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const attempts = row.attempts + 1;
    failed.run(attempts, Date.now() + backoffMs(attempts, options.baseMs, options.maxMs), error, row.id);
    options.onError?.({ eventId: row.event_id, attempts, error });
  };

  const runOnce = (): Promise<void> => {
    running ??= (async () => {
      try {
        await Promise.all(due.all(Date.now()).map(send));
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const schedule = (ms: number): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void runOnce().finally(() => schedule(options.pollMs ?? Math.min(1000, options.baseMs)));
    }, ms);
  };

  return {
    start() {
      stopped = false;
      schedule(0);
    },
    kick() {
      schedule(0);
    },
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
