// Reply bookkeeping of the load benchmark: each chat has one open message at a time; every bubble
// seen for the chat (HTTP answer or a sendMessage at an emulated Bot API) is attributed to it.
import type { LoadChannel } from "./load-plan.js";

/** One message sent by a simulated user and what came back for it. */
export interface SentMessage {
  readonly channel: LoadChannel;
  readonly sentAt: number;
  /** When the first / last bubble arrived (performance.now()); undefined = none yet. */
  firstAt?: number;
  lastAt?: number;
  /** Distinct bubble texts received. */
  readonly texts: string[];
  /**
   * Bubbles identical to the bubble just before them in the same chat and window: a chat's bubbles
   * arrive in order, so a bubble sent twice (a retried send) shows up right after itself. (Counting
   * any repeated text in a window would also count a late bubble of the previous reply whose text
   * the next reply repeats; under overload a late last bubble equal to the next reply's first still
   * counts, so the figure is an upper bound.)
   */
  duplicates: number;
  /** The reply was the polite "system busy" answer (a failed turn). */
  busy: boolean;
  /** Transport failure (non-2xx, network error) when sending. */
  failed: boolean;
}

/** Attributes bubbles to the open message of their chat and lets senders wait for the first one. */
export class ReplyTracker {
  readonly messages: SentMessage[] = [];
  /** Bubbles for a chat with no open message. */
  strays = 0;
  private readonly open = new Map<string, SentMessage>();
  private readonly waiters = new Map<string, () => void>();
  /** The last bubble seen per chat: its text and the message window it landed in. */
  private readonly last = new Map<string, { text: string; msg: SentMessage }>();

  constructor(private readonly busyText: string) {}

  /** Opens a new message for `chat` (the previous one stops collecting bubbles). */
  start(chat: string, channel: LoadChannel, counted = true): SentMessage {
    const msg: SentMessage = {
      channel,
      sentAt: performance.now(),
      texts: [],
      duplicates: 0,
      busy: false,
      failed: false,
    };
    this.open.set(chat, msg);
    if (counted) this.messages.push(msg);
    return msg;
  }

  /** A bubble for `chat` was observed now. */
  observe(chat: string, text: string, at = performance.now()): void {
    const msg = this.open.get(chat);
    if (!msg) {
      this.strays += 1;
      return;
    }
    msg.firstAt ??= at;
    msg.lastAt = at;
    if (text.includes(this.busyText)) msg.busy = true;
    const before = this.last.get(chat);
    if (before?.msg === msg && before.text === text) msg.duplicates += 1;
    this.last.set(chat, { text, msg });
    if (!msg.texts.includes(text)) msg.texts.push(text);
    const wake = this.waiters.get(chat);
    if (wake) {
      this.waiters.delete(chat);
      wake();
    }
  }

  /** Resolves when `msg` got its first bubble (true) or after `timeoutMs` (false). */
  waitFirst(chat: string, msg: SentMessage, timeoutMs: number): Promise<boolean> {
    if (msg.firstAt !== undefined) return Promise.resolve(true);
    return new Promise((ok) => {
      const timer = setTimeout(() => {
        this.waiters.delete(chat);
        ok(false);
      }, timeoutMs);
      this.waiters.set(chat, () => {
        clearTimeout(timer);
        ok(true);
      });
    });
  }

  /** Stops attributing: every chat's window is closed. */
  closeAll(): void {
    this.open.clear();
  }
}

/** The p-th percentile (nearest rank) of `xs`; NaN when empty. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Figures of a set of messages against a timeout. */
export interface LoadFigures {
  readonly messages: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly busy: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** p99 of send → last bubble of the reply (multi-bubble replies). */
  readonly p99Last: number;
}

/** Lost = no bubble within `timeoutMs` (or a transport failure); latency is send → first bubble. */
export function figures(messages: readonly SentMessage[], timeoutMs: number): LoadFigures {
  const answered = messages.filter(
    (m) => !m.failed && m.firstAt !== undefined && m.firstAt - m.sentAt <= timeoutMs,
  );
  const first = answered.map((m) => (m.firstAt ?? 0) - m.sentAt);
  const last = answered.map((m) => (m.lastAt ?? 0) - m.sentAt);
  return {
    messages: messages.length,
    lost: messages.length - answered.length,
    duplicates: messages.reduce((n, m) => n + m.duplicates, 0),
    busy: messages.filter((m) => m.busy).length,
    p50: percentile(first, 50),
    p99: percentile(first, 99),
    max: first.length ? Math.max(...first) : NaN,
    p99Last: percentile(last, 99),
  };
}
