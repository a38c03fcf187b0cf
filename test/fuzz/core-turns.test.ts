// Property-based tests of the conversation core (assistant.handleTurn of the real app, SQLite):
// hostile unicode, control characters, lone surrogates, 1 MB texts, random option ids and random
// sequences of turns are always answered politely; a conversation held mid-form is never disturbed.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/messages.js";
import { startApp, type TestApp } from "../helpers/app.js";
import { commandWords, nastyChar, nastyMessage, nastyString, optionId } from "./arbitraries.js";
import { knownConversation, type KnownConversation } from "./known-conversation.js";

const BUSY = "Xin lỗi, hệ thống đang bận";
/** Text a reply must never show: leaked internals, unfilled placeholders, a stack trace. */
const BROKEN = /undefined|\[object |NaN|\{[a-z_.]+\}|\bat .+\.(ts|js):\d+|Error:|TypeError/;

let app: TestApp;
let known: KnownConversation;
let fuzzed = 0;

function turn(conversationId: string, text: string, option?: string): Promise<Reply[]> {
  return app.assistant.handleTurn({
    conversationId,
    channel: "web",
    text,
    ...(option !== undefined ? { optionId: option } : {}),
    receivedAt: Date.now(),
  });
}

/**
 * Every reply is a complete, polite bubble; options are well formed. `silentOk`: the conversation is
 * with an officer, when the assistant says nothing by design (the text goes to the transcript).
 */
function expectPolite(replies: readonly Reply[], input: string, silentOk = false): void {
  const shown = JSON.stringify(input.slice(0, 80));
  if (!silentOk) expect(replies.length, shown).toBeGreaterThan(0);
  for (const r of replies) {
    expect(typeof r.text, shown).toBe("string");
    expect(r.text.trim().length, shown).toBeGreaterThan(0);
    expect(r.text, shown).not.toMatch(BROKEN);
    expect(r.text.startsWith(BUSY), `${shown} made the turn fail`).toBe(false);
    for (const o of r.options ?? []) {
      expect(typeof o.id).toBe("string");
      expect(o.label.trim().length).toBeGreaterThan(0);
    }
  }
}

const failures = () => app.logs.filter((l) => l.includes('"turn.failed"'));
const fresh = () => `web:fuzz-${++fuzzed}`;

beforeAll(async () => {
  app = await startApp({ PORTAL: "off", RATE_LIMIT_PER_MINUTE: "0", RATE_LIMIT_IP_PER_MINUTE: "0" });
  known = knownConversation(
    (id, text, option) => turn(id, text, option),
    (id) => app.stores.conversations.load(id),
    "web:known-held",
    "web:known-twin",
  );
  await known.begin();
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe("the core answers any text politely", { timeout: 60_000 }, () => {
  it("single messages of hostile unicode, markup and command words", async () => {
    await fc.assert(
      fc.asyncProperty(nastyMessage, async (text) => {
        expectPolite(await turn(fresh(), text), text);
      }),
      { numRuns: 250 },
    );
    expect(failures()).toEqual([]);
    await known.check("after single messages");
  });

  it("lone surrogates, only control characters, only invisible marks", async () => {
    const odd = fc.oneof(
      fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n)) }),
      fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((n) => String.fromCharCode(n)), minLength: 1 }),
      fc.string({ unit: fc.constantFrom("\u200b", "\u202e", "\ufeff", "\u0301"), minLength: 1 }),
    );
    await fc.assert(
      fc.asyncProperty(odd, async (text) => {
        expectPolite(await turn(fresh(), text), text);
      }),
      { numRuns: 120 },
    );
    for (const text of ["", " ", "\u0000", "\ud800", "\udfff\ud800", "a\u202eb", "\ufeff"])
      expectPolite(await turn(fresh(), text), text);
    expect(failures()).toEqual([]);
    await known.check("after odd characters");
  });

  it("random option ids, with or without text", async () => {
    await fc.assert(
      fc.asyncProperty(optionId, fc.option(nastyString(30), { nil: "" }), async (option, text) => {
        expectPolite(await turn(fresh(), text, option), `${option} ${text}`);
      }),
      { numRuns: 150 },
    );
    expect(failures()).toEqual([]);
    await known.check("after random option ids");
  });

  it("random sequences of turns in one conversation keep a loadable state", async () => {
    const step = fc.oneof(
      { weight: 3, arbitrary: fc.tuple(commandWords, fc.constant<string | undefined>(undefined)) },
      { weight: 2, arbitrary: fc.tuple(nastyMessage, fc.constant<string | undefined>(undefined)) },
      { weight: 2, arbitrary: fc.tuple(fc.constant(""), optionId) },
      // a pick among the options just shown (index into them, resolved at run time)
      { weight: 2, arbitrary: fc.tuple(fc.constant("#pick"), fc.nat(6).map(String)) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const id = fresh();
        let shown: readonly string[] = [];
        for (const [text, option] of steps) {
          const pick = text === "#pick" ? shown[Number(option) % Math.max(1, shown.length)] : undefined;
          const replies =
            text === "#pick" ? await turn(id, "", pick ?? "menu") : await turn(id, text, option);
          const state = await app.stores.conversations.load(id);
          expectPolite(replies, `${text} ${option ?? ""}`, Boolean(state?.handoff));
          shown = replies.at(-1)?.options?.map((o) => o.id) ?? shown;
        }
        const state = await app.stores.conversations.load(id);
        expect(state === null || state.lang === "vi" || state.lang === "en").toBe(true);
      }),
      { numRuns: 60 },
    );
    expect(failures()).toEqual([]);
    await known.check("after random sequences");
  });

  it("texts up to 1 MB are answered (cut to the longest message read), not left hanging", async () => {
    const huge = fc
      .tuple(
        fc.string({ unit: nastyChar, minLength: 1, maxLength: 20 }),
        fc.integer({ min: 5_000, max: 1_048_576 }),
      )
      .map(([piece, size]) => piece.repeat(Math.ceil(size / piece.length)).slice(0, size));
    await fc.assert(
      fc.asyncProperty(huge, async (text) => {
        expectPolite(await turn(fresh(), text), text);
      }),
      { numRuns: 6 },
    );
    const question = "làm giấy khai sinh cần gì ".repeat(40_000); // ~1 MB of a real question
    const replies = await turn(fresh(), question);
    expectPolite(replies, question);
    expect(replies[0]?.text).toContain("Đăng ký khai sinh");
    expect(failures()).toEqual([]);
    await known.check("after 1 MB texts");
  });

  it("never writes the hostile text or its ID-like numbers into the logs", () => {
    const logs = app.logs.join("");
    expect(logs).not.toContain("001099000001");
    expect(logs).not.toContain("0912345678");
    expect(logs).not.toContain("<script>");
  });
});
