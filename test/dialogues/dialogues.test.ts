// Scripted dialogue tests: each YAML file in ./scripts is one conversation (turns → expected reply
// content and state), validated with zod and played through the real HTTP chat API of one app.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chat, startApp, type TestApp } from "../helpers/app.js";

const SCRIPTS = join(import.meta.dirname, "scripts");
const MAX_BUBBLE = 1000;
const ACCENTED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

const expectSchema = z
  .strictObject({
    contains: z.array(z.string().min(1)).optional(),
    notContains: z.array(z.string().min(1)).optional(),
    /** Exact option ids offered in this turn (all bubbles, in order). */
    options: z.array(z.string()).optional(),
    optionsInclude: z.array(z.string()).optional(),
    /** Texts that option labels of this turn must include (each matches one label exactly). */
    labelsInclude: z.array(z.string()).optional(),
    state: z
      .strictObject({
        topic: z.string().nullable().optional(),
        /** Kind of the pending question, or null. */
        pending: z.string().nullable().optional(),
        lang: z.enum(["vi", "en"]).optional(),
      })
      .optional(),
    formSaved: z.boolean().optional(),
    /** Values of the last confirmed form (subset). */
    formValues: z.record(z.string(), z.string()).optional(),
    handoffOpen: z.boolean().optional(),
    silent: z.literal(true).optional(),
    /** State, forms and tickets of the conversation are gone. */
    erased: z.literal(true).optional(),
  })
  .refine((e) => Object.keys(e).length > 0, "a turn must expect something");

const turnSchema = z.union([
  z.strictObject({ say: z.string(), option: z.string().optional(), expect: expectSchema }),
  /** An officer answers the open ticket; replies are what updates() then delivers. */
  z.strictObject({ staff: z.string().min(1), expect: expectSchema }),
  /** An officer hands the conversation back to the bot. */
  z.strictObject({ release: z.literal(true), expect: expectSchema }),
]);
const scriptSchema = z.strictObject({ name: z.string().min(3), turns: z.array(turnSchema).min(1) });
type Turn = z.infer<typeof turnSchema>;
interface Reply {
  readonly text: string;
  readonly options?: ReadonlyArray<{ readonly id: string; readonly label: string }>;
}

const files = readdirSync(SCRIPTS)
  .filter((f) => f.endsWith(".yaml"))
  .sort();
const scripts = files.map((file) => {
  const parsed = scriptSchema.safeParse(parse(readFileSync(join(SCRIPTS, file), "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return { file, ...parsed.data };
});

let app: TestApp;
/** Everything the citizens typed that looks like a citizen id or phone number. */
const personalNumbers = new Set<string>();

beforeAll(async () => {
  app = await startApp();
});

afterAll(() => {
  const logs = app.logs.join("\n");
  for (const n of personalNumbers) expect(logs, `logs contain ${n}`).not.toContain(n);
});

/** Plays one turn and returns the replies it produced. */
async function play(sessionId: string, turn: Turn): Promise<Reply[]> {
  const id = `web:${sessionId}`;
  if ("say" in turn) {
    for (const n of turn.say.replace(/[\s.]/g, "").match(/\d{9,}/g) ?? []) personalNumbers.add(n);
    return chat(app, sessionId, turn.say, turn.option);
  }
  const ticket = await app.stores.handoffs.openFor(id);
  expect(ticket, "an open handoff ticket").not.toBeNull();
  if ("staff" in turn) expect(await app.assistant.staffReply(ticket?.id ?? "", turn.staff)).toBe(true);
  else expect(await app.assistant.release(ticket?.id ?? "")).toBe(true);
  return app.assistant.updates(id);
}

async function check(sessionId: string, replies: Reply[], e: z.infer<typeof expectSchema>): Promise<void> {
  const id = `web:${sessionId}`;
  const text = replies.map((r) => r.text).join("\n");
  const ids = replies.flatMap((r) => r.options?.map((o) => o.id) ?? []);
  const labels = replies.flatMap((r) => r.options?.map((o) => o.label) ?? []);
  const state = await app.stores.conversations.load(id);
  for (const r of replies) expect(r.text.length).toBeLessThanOrEqual(MAX_BUBBLE);
  if ((state?.lang ?? "vi") === "vi") for (const r of replies) expect(r.text).toMatch(ACCENTED);
  for (const s of e.contains ?? []) expect(text).toContain(s);
  for (const s of e.notContains ?? []) expect(text).not.toContain(s);
  if (e.options) expect(ids).toEqual(e.options);
  if (e.optionsInclude) expect(ids).toEqual(expect.arrayContaining(e.optionsInclude));
  if (e.labelsInclude) expect(labels).toEqual(expect.arrayContaining(e.labelsInclude));
  if (e.silent) expect(replies).toEqual([]);
  else expect(replies.length).toBeGreaterThan(0);
  if (e.state?.topic !== undefined) expect(state?.topic).toBe(e.state.topic);
  if (e.state?.pending !== undefined) expect(state?.pending?.kind ?? null).toBe(e.state.pending);
  if (e.state?.lang) expect(state?.lang).toBe(e.state.lang);
  const forms = await app.stores.forms.listFor(id);
  if (e.formSaved !== undefined) expect(forms.length > 0).toBe(e.formSaved);
  if (e.formValues) expect(forms.at(-1)?.values).toMatchObject(e.formValues);
  const ticket = await app.stores.handoffs.openFor(id);
  if (e.handoffOpen !== undefined) expect(ticket !== null).toBe(e.handoffOpen);
  if (e.erased) {
    // Only a blank state may remain (language and the menu just shown): nothing the user told us.
    const blank = state && {
      topic: state.topic,
      form: state.form,
      checklist: state.checklist,
      consent: state.consent,
    };
    expect({ blank, forms: forms.length, ticket }).toEqual({
      blank: state ? { topic: null, form: null, checklist: null, consent: false } : null,
      forms: 0,
      ticket: null,
    });
  }
}

describe.each(scripts)("$file: $name", ({ file, turns }) => {
  const sessionId = `dlg-${file.replace(/\W+/g, "-")}-${Date.now().toString(36)}`;
  it("plays every turn as scripted", async () => {
    for (const [i, turn] of turns.entries()) {
      const label = "say" in turn ? turn.say : "staff" in turn ? `[staff] ${turn.staff}` : "[release]";
      const replies = await play(sessionId, turn);
      await check(sessionId, replies, turn.expect).catch((err: unknown) => {
        const shown = replies.map((r) => `  ${r.text}  {${r.options?.map((o) => o.id).join(",") ?? ""}}`);
        throw new Error(`turn ${i + 1} «${label}»:\n${shown.join("\n")}\n${String(err)}`);
      });
    }
  });
});
