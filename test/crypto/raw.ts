// What an attacker with the database sees: every byte of the SQLite files (database and WAL), or every
// value under a Redis key prefix, read raw, bypassing the stores; plus a form turn that fills them.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "redis";
import { expect } from "vitest";
import { chat, type TestApp } from "../helpers/app.js";
import { REDIS_TEST_URL } from "../helpers/stores.js";
import { APPLICANT_A, fillAndConfirm, joined, khaiSinhAnswers } from "../portal/sandbox/chat-stack.js";

/** Personal data typed in the scenario; none of it may appear at rest. */
export const SECRETS = ["Nguyễn Văn An", "001203004567", "0912345678", "Trần Thị Bích", "Láng Hạ"];

/** A waiting turn's body, as the push channels store it. */
export const WAITING_TURN = JSON.stringify({ message: { text: "CCCD 001203004567, Nguyễn Văn An" } });

/**
 * Fills and confirms a form, starts filling a second one (state with values in progress), asks for an
 * officer and writes to them (transcript), lets the officer answer (outbox) and leaves a turn waiting
 * in the mailbox. Returns the ids.
 */
export async function personalTurns(
  app: TestApp,
  session: string,
): Promise<{ conversationId: string; ticketId: string }> {
  const conversationId = `web:${session}`;
  expect(joined(await fillAndConfirm(app, session, APPLICANT_A))).toMatch(/Đã lưu tờ khai/);
  await chat(app, session, "điền tờ khai");
  for (const answer of khaiSinhAnswers(APPLICANT_A).slice(0, 4)) await chat(app, session, answer);
  const state = await app.stores.conversations.load(conversationId);
  expect(state?.form?.values.requester_id_number).toBe("001203004567");
  await chat(app, session, "gặp cán bộ");
  const ticket = await app.stores.handoffs.openFor(conversationId);
  expect(ticket).not.toBeNull();
  await chat(app, session, "Tôi là Trần Thị Bích, số 0912345678, ở Láng Hạ");
  expect(await app.assistant.staffReply(ticket?.id ?? "", "Chào chị Trần Thị Bích, 0912345678")).toBe(true);
  // A push chat's turn waiting in its mailbox holds the message text as typed.
  await app.stores.mailbox.append("in", conversationId, WAITING_TURN);
  return { conversationId, ticketId: ticket?.id ?? "" };
}

/** The SQLite database and its WAL as text (UTF-8 is searched byte for byte). */
export function sqliteBytes(dataDir: string): string {
  const file = join(dataDir, "motcua.sqlite");
  return [file, `${file}-wal`]
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString("utf8"))
    .join("\n");
}

/** Every value under `prefix`, whatever its type, as text. */
export async function redisValues(prefix: string): Promise<string> {
  const client = createClient({ url: REDIS_TEST_URL });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const out: string[] = [];
    for (const key of await client.keys(`${prefix}*`)) {
      const type = await client.type(key);
      if (type === "string") out.push((await client.get(key)) ?? "");
      else if (type === "list") out.push(...(await client.lRange(key, 0, -1)));
      else if (type === "hash") out.push(JSON.stringify(await client.hGetAll(key)));
      else if (type === "set") out.push(...(await client.sMembers(key)));
      else if (type === "zset") out.push(...(await client.zRange(key, 0, -1)));
      out.push(key);
    }
    return out.join("\n");
  } finally {
    await client.close();
  }
}
