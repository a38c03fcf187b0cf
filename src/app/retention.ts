// Retention: a daily job on the job queue deletes every expired record (SQLite sweep of conversations,
// forms, tickets, transcripts, dossier links, attachments, question log…). Redis keys expire by TTL.
import type { EventLog, Stores } from "../core/ports.js";
import type { JobQueue } from "../jobs/index.js";

/** Name of the purge job and of its scheduler. */
export const PURGE_JOB = "retention-purge";
const SCHEDULER_ID = "daily";
const DAY_MS = 86_400_000;

/** Registers the purge job and schedules it every `everyMs` (default daily); shared by instances. */
export async function scheduleRetention(
  queue: JobQueue,
  deps: { readonly stores: Pick<Stores, "purgeExpired">; readonly log: EventLog },
  everyMs: number = DAY_MS,
): Promise<void> {
  queue.process(
    PURGE_JOB,
    async () => {
      if (!deps.stores.purgeExpired) return; // Redis: every key carries its own TTL
      await deps.stores.purgeExpired();
      deps.log.info("retention.purged", {});
    },
    { attempts: 3, concurrency: 1 },
  );
  await queue.schedule(PURGE_JOB, SCHEDULER_ID, everyMs, {});
}
