// The in-process conversation lock used with SQLite (one process owns the file): a promise chain
// per conversation, so turns of one conversation never interleave while others run freely.
import type { ConversationLock } from "../../core/ports.js";
import { LockTimeoutError } from "../errors.js";

/** An in-process lock; waiting is bounded by `waitMs`, and idle conversations leave no entry behind. */
export interface MemoryLock extends ConversationLock {
  /** Conversations with a running or waiting turn (for tests: 0 when idle). */
  readonly size: number;
}

/** Creates an in-process per-conversation mutex (FIFO per conversation). */
export function createMemoryLock(waitMs: number): MemoryLock {
  const tails = new Map<string, Promise<void>>();

  async function waitFor(previous: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LockTimeoutError(waitMs)), waitMs);
    });
    try {
      await Promise.race([previous, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    get size() {
      return tails.size;
    },
    async run<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
      const previous = tails.get(conversationId) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      // The next turn waits for this one *and* the previous one, even if this one gives up waiting.
      const tail = previous.then(() => mine);
      tails.set(conversationId, tail);
      void tail.then(() => {
        if (tails.get(conversationId) === tail) tails.delete(conversationId);
      });
      try {
        await waitFor(previous);
        return await fn();
      } finally {
        release();
      }
    },
  };
}
