// Test helpers for staff forwarding: a real app (createApp on a temporary DATA_DIR, portal off), fresh
// officer conversations (messages marked fromStaff) and knowledge-base lookups to compare with.
import { afterAll, beforeAll } from "vitest";
import type { Procedure } from "../../src/core/knowledge/index.js";
import type { InboundMessage, Reply } from "../../src/core/messages.js";
import { startApp, type TestApp } from "../helpers/app.js";

/** The app of the current test file, started before its tests and closed after them. */
export function forwardingApp(): { readonly app: () => TestApp } {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startApp({ PORTAL: "off" });
  });
  afterAll(async () => {
    await app?.close();
  });
  return {
    app: () => {
      if (!app) throw new Error("app not started");
      return app;
    },
  };
}

let staffChats = 0;

/** A fresh Telegram conversation of a listed officer (messages arrive with fromStaff). */
export function officer(app: TestApp): (text: string, optionId?: string) => Promise<Reply[]> {
  const conversationId = `telegram:${9000 + ++staffChats}`;
  return (text, optionId) =>
    app.assistant.handleTurn({
      conversationId,
      channel: "telegram",
      text,
      receivedAt: Date.now(),
      fromStaff: true,
      ...(optionId ? { optionId } : {}),
    } satisfies InboundMessage);
}

/** A procedure of the knowledge base (throws when missing). */
export function procedure(app: TestApp, slug: string): Procedure {
  const p = app.kb.procedures.find((x) => x.slug === slug);
  if (!p) throw new Error(`no procedure ${slug}`);
  return p;
}

/** "2026-11-23" → "23/11/2026". */
export const viDate = (iso: string): string => iso.split("-").reverse().join("/");
