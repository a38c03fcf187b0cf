// A token bucket per channel (and a spacing per chat), in this process: outgoing calls wait for a
// token instead of tripping the platform's flood limits. Waiting never blocks other chats' turns.

/** Waits until a call is allowed. */
export interface RateLimiter {
  take(chatId: string): Promise<void>;
}

export interface RateLimitOptions {
  /** Calls per second across all chats (burst of the same size). */
  readonly perSecond: number;
  /** Least gap between two calls to one chat, in ms (0 = none). */
  readonly perChatGapMs: number;
  readonly now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates a limiter; state is in memory (each instance keeps its own share of the budget). */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const capacity = Math.max(1, options.perSecond);
  let tokens = capacity;
  let refilledAt = now();
  const nextForChat = new Map<string, number>();

  const refill = (): void => {
    const t = now();
    tokens = Math.min(capacity, tokens + ((t - refilledAt) / 1000) * options.perSecond);
    refilledAt = t;
  };
  return {
    async take(chatId) {
      for (;;) {
        const t = now();
        const chatWait = (nextForChat.get(chatId) ?? 0) - t;
        refill();
        if (chatWait <= 0 && tokens >= 1) {
          tokens -= 1;
          nextForChat.set(chatId, t + options.perChatGapMs);
          if (nextForChat.size > 10_000) pruneChats(nextForChat, t);
          return;
        }
        const tokenWait = tokens >= 1 ? 0 : ((1 - tokens) / options.perSecond) * 1000;
        await sleep(Math.max(1, Math.ceil(Math.max(chatWait, tokenWait))));
      }
    },
  };
}

function pruneChats(next: Map<string, number>, t: number): void {
  for (const [chat, at] of next) if (at <= t) next.delete(chat);
}
