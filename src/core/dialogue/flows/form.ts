// Filling the procedure's application form in the chat: consent first, then one field at a time
// with validation, corrections ("sửa ngày sinh", "quay lại", "bỏ qua", "hủy"), a summary to
// confirm, and the confirmed form stored for the portal step. Never asks for passwords or OTPs.
import type { FormField, Procedure } from "../../knowledge/index.js";
import { foldKey } from "../../nlu/normalize.js";
import { syllables } from "../../nlu/tokenize.js";
import type { ConversationState } from "../state.js";
import {
  option,
  raw,
  rawOption,
  say,
  type DialogueContext,
  type Line,
  type OptionPlan,
  type ReplyPlan,
  type StepResult,
  type Understanding,
} from "../types.js";
import { validateField } from "../validate.js";
import { procName, type Lang } from "./procedure.js";
import { reply } from "./system.js";

type FormState = NonNullable<ConversationState["form"]>;
const MAX_ATTEMPTS = 3;
const COMMAND_WORDS = new Set([
  "sua",
  "lai",
  "chinh",
  "doi",
  "nhap",
  "muon",
  "toi",
  "em",
  "minh",
  "cho",
  "phan",
  "truong",
  "muc",
  "o",
  "thong",
  "tin",
  "edit",
  "change",
  "correct",
  "the",
  "my",
]);

function fieldsOf(p: Procedure): readonly FormField[] {
  return p.form?.fields ?? [];
}

/** The field a message names ("sửa ngày sinh" → child_birth_date), when exactly one fits best. */
export function matchField(fields: readonly FormField[], text: string): FormField | null {
  const words = syllables(foldKey(text)).filter((w) => !COMMAND_WORDS.has(w));
  if (words.length === 0) return null;
  const scored = fields.map((f) => {
    const label = new Set(syllables(foldKey(f.label)));
    return { f, score: words.filter((w) => label.has(w)).length };
  });
  const best = Math.max(...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best);
  return best > 0 && top.length === 1 && best >= Math.ceil(words.length / 2) ? (top[0]?.f ?? null) : null;
}

function hintKey(f: FormField): string {
  return `form.hint.${f.type}`;
}

/** The question for the current field. */
function askPlans(p: Procedure, form: FormState, prefix: Line[] = []): ReplyPlan[] {
  const fields = fieldsOf(p);
  const f = fields[form.step];
  if (!f) return [];
  const lines: Line[] = [
    ...prefix,
    say("form.ask", { index: form.step + 1, total: fields.length, label: f.label }),
    ...(f.help ? [raw(f.help)] : []),
    say(hintKey(f)),
    ...(f.required ? [] : [say("form.optional")]),
    say("form.commands"),
  ];
  const options: OptionPlan[] =
    f.type === "choice" ? (f.options ?? []).map((o, i) => rawOption(`choice:${i}`, o)) : [];
  if (!f.required) options.push(option("skip", "option.skip"));
  return [{ lines, ...(options.length ? { options } : {}) }];
}

function summaryPlans(p: Procedure, form: FormState, lang: Lang): ReplyPlan[] {
  const lines: Line[] = [say("form.summary", { name: p.form?.name ?? procName(p, lang) })];
  for (const f of fieldsOf(p))
    lines.push(say("form.summary.item", { label: f.label, value: form.values[f.name] || "—" }));
  lines.push(say("form.summary.confirm"));
  return [
    {
      lines,
      options: [
        option("form-confirm", "option.form-confirm"),
        option("form-edit", "option.form-edit"),
        option("form-cancel", "option.form-cancel"),
      ],
    },
  ];
}

function withForm(
  state: ConversationState,
  form: FormState,
  pending: ConversationState["pending"],
): ConversationState {
  return { ...state, form, pending, topic: form.slug, misses: 0 };
}

/** Starts (or resumes) the form of `p`, asking for consent first. */
export function startForm(state: ConversationState, p: Procedure): StepResult {
  if (!p.form)
    return reply({ ...state, topic: p.slug, pending: null }, [
      {
        lines: [say("form.none", { name: procName(p, state.lang) })],
        options: [option("checklist", "option.checklist"), option("menu", "option.menu")],
      },
    ]);
  if (!state.consent) {
    return reply({ ...state, topic: p.slug, pending: { kind: "form-consent" } }, [
      {
        lines: [say("form.consent", { name: p.form.name })],
        options: [option("yes", "option.consent-yes"), option("no", "option.consent-no")],
      },
    ]);
  }
  const resume = state.form?.slug === p.slug ? state.form : null;
  const form: FormState = resume ?? { slug: p.slug, step: 0, values: {}, editing: null, attempts: 0 };
  if (form.step >= fieldsOf(p).length)
    return reply(withForm(state, form, { kind: "form-confirm" }), summaryPlans(p, form, state.lang));
  return reply(
    withForm(state, form, { kind: "form-field" }),
    askPlans(p, form, [say(resume ? "form.resume" : "form.start", { name: p.form.name })]),
  );
}

export function answerConsent(state: ConversationState, p: Procedure, u: Understanding): StepResult | null {
  if (u.optionId === "yes" || u.intents.has("yes")) return startForm({ ...state, consent: true }, p);
  if (u.optionId === "no" || u.intents.has("no")) {
    return reply({ ...state, pending: null }, [
      {
        lines: [say("form.consent.declined")],
        options: [option("checklist", "option.checklist"), option("menu", "option.menu")],
      },
    ]);
  }
  return null;
}

/** Moves to the next field, or to the summary when every field is answered (or after an edit). */
function advance(state: ConversationState, p: Procedure, form: FormState): StepResult {
  const next = form.editing ? fieldsOf(p).length : form.step + 1;
  const moved = { ...form, step: next, editing: null, attempts: 0 };
  if (next >= fieldsOf(p).length)
    return reply(withForm(state, moved, { kind: "form-confirm" }), summaryPlans(p, moved, state.lang));
  return reply(withForm(state, moved, { kind: "form-field" }), askPlans(p, moved));
}

function cancel(state: ConversationState): StepResult {
  return reply({ ...state, form: null, pending: null }, [
    {
      lines: [say("form.cancelled")],
      options: [option("form", "option.form-again"), option("menu", "option.menu")],
    },
  ]);
}

function editField(state: ConversationState, p: Procedure, form: FormState, field: FormField): StepResult {
  const step = fieldsOf(p).indexOf(field);
  const editing = { ...form, step, editing: field.name, attempts: 0 };
  return reply(
    withForm(state, editing, { kind: "form-field" }),
    askPlans(p, editing, [say("form.editing", { label: field.label })]),
  );
}

/** Handles an answer while a field is being asked. */
export function answerField(
  state: ConversationState,
  ctx: DialogueContext,
  p: Procedure,
  u: Understanding,
): StepResult {
  const form = state.form;
  const fields = fieldsOf(p);
  const f = form ? fields[form.step] : undefined;
  if (!form || !f) return startForm(state, p);
  if (u.optionId === "form-cancel" || u.intents.has("cancel")) return cancel(state);
  if (u.intents.has("back") && u.text.split(/\s+/).length <= 3) {
    const back = { ...form, step: Math.max(0, form.step - 1), editing: null, attempts: 0 };
    return reply(withForm(state, back, { kind: "form-field" }), askPlans(p, back));
  }
  if (u.intents.has("correct")) {
    const target = matchField(fields, u.text);
    if (target) return editField(state, p, form, target);
  }
  // "bỏ qua", or a short "không có" for an optional field that is not a choice.
  const short = u.text.split(/\s+/).length <= 3;
  const declines = u.intents.has("no") && f.type !== "choice" && !f.required;
  if (u.optionId === "skip" || (short && (u.intents.has("skip") || declines))) {
    if (!f.required) return advance(state, p, { ...form, values: { ...form.values, [f.name]: "" } });
    return reply(state, askPlans(p, form, [say("form.required")]));
  }
  const choice = u.optionId?.startsWith("choice:") ? f.options?.[Number(u.optionId.slice(7))] : undefined;
  const check = validateField(f, choice ?? u.text, new Date(ctx.now));
  if (check.ok) return advance(state, p, { ...form, values: { ...form.values, [f.name]: check.value } });
  const attempts = form.attempts + 1;
  const retried = { ...form, attempts };
  const plans = askPlans(p, retried, [say(check.error, check.params ?? {})]);
  if (attempts < MAX_ATTEMPTS) return reply(withForm(state, retried, { kind: "form-field" }), plans);
  const last = plans[0];
  const withOffer: ReplyPlan = {
    lines: [...(last?.lines ?? []), say("form.stuck")],
    options: [...(last?.options ?? []), option("handoff", "option.handoff")],
  };
  return reply(withForm(state, retried, { kind: "form-field" }), [withOffer]);
}

/** Handles the answer to the summary: confirm, edit a field, or cancel. */
export function answerConfirm(
  state: ConversationState,
  ctx: DialogueContext,
  p: Procedure,
  u: Understanding,
): StepResult | null {
  const form = state.form;
  if (!form) return null;
  if (u.optionId === "form-confirm" || (u.intents.has("yes") && !u.intents.has("correct"))) {
    const saved = {
      id: ctx.newId(),
      conversationId: ctx.conversationId,
      procedure: p.slug,
      values: form.values,
      confirmedAt: ctx.now,
    };
    return {
      state: { ...state, form: null, pending: null },
      replies: [
        {
          lines: [
            say("form.saved", {
              name: p.form?.name ?? procName(p, state.lang),
              ref: saved.id.slice(0, 8).toUpperCase(),
            }),
          ],
        },
      ],
      effects: [
        { kind: "save-form", form: saved },
        { kind: "submit-dossier", form: saved },
      ],
    };
  }
  if (u.optionId === "form-cancel" || u.intents.has("cancel")) return cancel(state);
  if (u.optionId === "form-edit" || u.intents.has("correct") || u.intents.has("no")) {
    const target = matchField(fieldsOf(p), u.text);
    if (target && u.intents.has("correct")) return editField(state, p, form, target);
    const options = fieldsOf(p).map((f) => rawOption(`field:${f.name}`, f.label));
    return reply({ ...state, pending: { kind: "form-pick-field" } }, [
      { lines: [say("form.pick-field")], options },
    ]);
  }
  return null;
}

/** Handles which field to correct (button, number or the field's words). */
export function answerPickField(
  state: ConversationState,
  p: Procedure,
  u: Understanding,
  pick: number | null,
): StepResult | null {
  const form = state.form;
  if (!form) return null;
  const fields = fieldsOf(p);
  const byOption = u.optionId?.startsWith("field:")
    ? fields.find((f) => f.name === u.optionId?.slice(6))
    : undefined;
  const byNumber = pick !== null ? fields[pick - 1] : undefined;
  const target = byOption ?? byNumber ?? matchField(fields, u.text);
  return target ? editField(state, p, form, target) : null;
}
