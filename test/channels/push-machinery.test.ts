// The shared push-channel machinery on real SQLite stores and the real SQLite job queue: updates
// claimed once, replies sent in order, each bubble once across retries, rejected chats dropped,
// and out-of-turn replies routed to the chat instead of the web outbox.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  ChannelRejectedError,
  ChannelRetryError,
  SEND_JOB,
  createInboundRunner,
  createPushDispatcher,
  createTurnOrder,
  pushAddress,
  routeOutbox,
  sameSecret,
  type PushDispatcher,
  type PushSender,
} from "../../src/channels/common/index.js";
import type { InboundMessage, Reply } from "../../src/core/messages.js";
import type { EventLog, Stores } from "../../src/core/ports.js";
import { createSqliteJobQueue } from "../../src/jobs/sqlite-queue.js";
import type { JobQueue } from "../../src/jobs/index.js";
import { createSqliteStores } from "../../src/storage/index.js";
import { tempDir } from "../helpers/tmp.js";

const quiet: EventLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** A platform stand-in at the edge: records what reached each chat, failing on demand. */
class RecordingSender implements PushSender {
  readonly channel = "telegram" as const;
  readonly got: Array<{ chatId: string; text: string }> = [];
  calls = 0;
  /** Errors to throw, per chat, one per call, before sends succeed again. */
  readonly failures = new Map<string, Array<Error | null>>();
  send(chatId: string, reply: Reply): Promise<void> {
    this.calls += 1;
    const failure = this.failures.get(chatId)?.shift();
    if (failure) return Promise.reject(failure);
    this.got.push({ chatId, text: reply.text });
    return Promise.resolve();
  }
}

/** A fresh queue and stores, closed after the test, and a push dispatcher on them to a recording sender. */
function setUp(): {
  queue: JobQueue;
  stores: Stores;
  sender: RecordingSender;
  dispatcher: PushDispatcher;
} {
  const dir = tempDir("motcua-push-");
  const queue = createSqliteJobQueue({ path: join(dir, "jobs.sqlite"), pollMs: 20 });
  const stores = createSqliteStores({ path: join(dir, "s.sqlite"), ttlSeconds: 3600 });
  open.push(stores, queue);
  const sender = new RecordingSender();
  const dispatcher = createPushDispatcher({
    queue,
    seen: stores.seen,
    locks: stores.locks,
    mailbox: stores.mailbox,
    senders: [sender],
    log: quiet,
  });
  return { queue, stores, sender, dispatcher };
}

async function until(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const bubbles = (...texts: string[]): Reply[] => texts.map((text) => ({ text }));

describe("push dispatcher", () => {
  it("sends every bubble in order, once, even when a send fails midway and the job is retried", async () => {
    const { sender, dispatcher } = setUp();
    // The first bubble goes, the second fails once (the queue retries the job), then the rest go.
    sender.failures.set("42", [null, new Error("socket hang up")]);
    expect(await dispatcher.dispatch("telegram:42", bubbles("một", "hai", "ba"))).toBe(true);
    await until(() => sender.got.length === 3);
    expect(sender.got.map((g) => g.text)).toEqual(["một", "hai", "ba"]);
    expect(sender.got.every((g) => g.chatId === "42")).toBe(true);
    expect(sender.calls).toBe(4);
  });

  it("waits out a 429's retry-after inside the job and drops chats that rejected the bot", async () => {
    const { queue, sender, dispatcher } = setUp();
    sender.failures.set("6", [new ChannelRetryError("429", 50)]);
    sender.failures.set("7", [new ChannelRejectedError("bot was blocked")]);
    await dispatcher.dispatch("telegram:6", bubbles("a", "b"));
    await dispatcher.dispatch("telegram:7", bubbles("x", "y"));
    await dispatcher.dispatch("telegram:8", bubbles("c"));
    await until(() => sender.got.filter((g) => g.chatId !== "7").length === 3);
    await new Promise((r) => setTimeout(r, 200));
    // chat 6: the 429 was waited out and "a" sent again; chat 7 blocked the bot: dropped, not retried
    expect(sender.got.filter((g) => g.chatId === "6").map((g) => g.text)).toEqual(["a", "b"]);
    expect(sender.got.filter((g) => g.chatId === "7")).toEqual([]);
    expect(sender.got.filter((g) => g.chatId === "8").map((g) => g.text)).toEqual(["c"]);
    expect(await queue.failed(SEND_JOB)).toEqual([]);
    expect(sender.calls).toBe(5);
  });

  it("does not handle web conversations or channels that are not running", () => {
    const { dispatcher } = setUp();
    expect(dispatcher.handles("telegram:1")).toBe(true);
    expect(dispatcher.handles("zalo:1")).toBe(false);
    expect(dispatcher.handles("web:abcdefgh")).toBe(false);
    expect(pushAddress("telegram:")).toBeNull();
    expect(pushAddress("zalo:u-1")).toEqual({ channel: "zalo", chatId: "u-1" });
  });
});

describe("routed outbox", () => {
  it("pushes to the chat for push conversations and keeps web replies for the page", async () => {
    const { stores, sender, dispatcher } = setUp();
    const outbox = routeOutbox(stores.outbox, dispatcher);
    await outbox.push("telegram:5", bubbles("Hồ sơ đã được tiếp nhận"));
    await outbox.push("web:abcdefgh1", bubbles("cho trang web"));
    await until(() => sender.got.length === 1);
    expect(sender.got[0]).toEqual({ chatId: "5", text: "Hồ sơ đã được tiếp nhận" });
    expect(await stores.outbox.drain("telegram:5")).toEqual([]);
    expect(await outbox.drain("web:abcdefgh1")).toEqual(bubbles("cho trang web"));
  });
});

describe("inbound runner", () => {
  it("runs each update once, however often it is delivered, and dispatches the replies", async () => {
    const { queue, stores, sender, dispatcher } = setUp();
    const turns: InboundMessage[] = [];
    const inbound = createInboundRunner({
      queue,
      seen: stores.seen,
      senders: [sender],
      dispatcher,
      log: quiet,
      order: createTurnOrder({ mailbox: stores.mailbox, locks: stores.locks, log: quiet }),
      handleTurn: (msg) => {
        turns.push(msg);
        return Promise.resolve(bubbles(`đã nhận: ${msg.text}`));
      },
    });
    const turn = {
      message: {
        conversationId: "telegram:9",
        channel: "telegram" as const,
        text: "xin chào",
        receivedAt: 1,
      },
    };
    const results = await Promise.all([1, 2, 3].map(() => inbound.accept("telegram:update:100", turn)));
    expect(results.filter((r) => r === "queued")).toHaveLength(1);
    await until(() => sender.got.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(turns.map((t) => t.text)).toEqual(["xin chào"]);
    expect(sender.got).toEqual([{ chatId: "9", text: "đã nhận: xin chào" }]);
  });
});

describe("sameSecret", () => {
  it("matches only the exact secret", () => {
    expect(sameSecret("s3cret-token", "s3cret-token")).toBe(true);
    expect(sameSecret("s3cret-tokeN", "s3cret-token")).toBe(false);
    expect(sameSecret("", "s3cret-token")).toBe(false);
    expect(sameSecret(undefined, "s3cret-token")).toBe(false);
  });
});
