// The checklist conversation: the citizen says (or ticks) which papers they have; the assistant
// asks the one question that settles a condition, then lists present / missing / conditional
// papers, papers no longer needed, and ends with "đủ rồi" or the exact missing list.
import type { Procedure } from "../../knowledge/index.js";
import { applyMentions, buildLines, nextQuestion, summarize } from "../checklist.js";
import { pickAlternative } from "../group-answer.js";
import type { ChecklistLine, ConversationState } from "../state.js";
import {
  option,
  raw,
  rawOption,
  say,
  type DialogueContext,
  type DocumentMentions,
  type Line,
  type OptionPlan,
  type ReplyPlan,
  type StepResult,
  type Understanding,
} from "../types.js";
import { docName, procName, type Lang } from "./procedure.js";

type Checklist = NonNullable<ConversationState["checklist"]>;

/** Display name of a line: the chosen paper, or the alternatives joined. */
function lineName(ctx: DialogueContext, p: Procedure, line: ChecklistLine): string {
  const items = line.chosen !== null ? [line.chosen] : line.items;
  return items.map((i) => docName(ctx, p.documents[i]?.doc ?? "")).join(" / ");
}

function missingLines(ctx: DialogueContext, p: Procedure, line: ChecklistLine): Line[] {
  const item = p.documents[line.chosen ?? line.items[0] ?? 0];
  const main = say("checklist.missing.item", {
    name: lineName(ctx, p, line),
    copy: { key: `copy.${item?.copy ?? "original"}` },
  });
  return item?.state_data ? [main, say("checklist.state-data")] : [main];
}

function afterOptions(p: Procedure): OptionPlan[] {
  return [
    ...(p.form ? [option("form", "option.form")] : []),
    option("checklist-tick", "option.tick"),
    option("handoff", "option.handoff"),
    option("menu", "option.menu"),
  ];
}

/** The result of the checklist as one reply. */
export function summaryPlans(
  ctx: DialogueContext,
  p: Procedure,
  c: Checklist,
  lang: Lang = "vi",
): ReplyPlan[] {
  const s = summarize(p, c.lines, c.extra, ctx.documents);
  const lines: Line[] = [say("checklist.heading", { name: procName(p, lang) })];
  if (s.present.length)
    lines.push(say("checklist.present", { list: s.present.map((l) => lineName(ctx, p, l)).join("; ") }));
  if (s.missing.length)
    lines.push(say("checklist.missing"), ...s.missing.flatMap((l) => missingLines(ctx, p, l)));
  if (s.conditional.length) {
    lines.push(say("checklist.conditional"));
    for (const l of s.conditional)
      lines.push(
        say("checklist.conditional.item", {
          name: lineName(ctx, p, l),
          condition: p.documents[l.items[0] ?? 0]?.condition ?? "",
        }),
      );
  }
  for (const n of s.noLongerNeeded)
    lines.push(say("checklist.no-longer", { name: docName(ctx, n.doc), note: n.note }));
  if (s.notNeeded.length)
    lines.push(say("checklist.not-needed", { list: s.notNeeded.map((d) => docName(ctx, d)).join("; ") }));
  lines.push(say(s.complete ? "checklist.complete" : "checklist.incomplete"));
  return [{ lines, options: afterOptions(p) }];
}

/** The one question that settles the next open condition. */
function questionPlans(ctx: DialogueContext, p: Procedure, line: ChecklistLine): ReplyPlan[] {
  if (line.items.length > 1) {
    const ask = line.items.map((i) => p.documents[i]?.ask).find(Boolean) ?? "";
    const options = line.items.map((i) => rawOption(`cond:${i}`, docName(ctx, p.documents[i]?.doc ?? "")));
    return [
      {
        lines: [raw(ask), say("checklist.group.hint")],
        options: [...options, option("no", "option.none-of-these")],
      },
    ];
  }
  const item = p.documents[line.items[0] ?? 0];
  return [
    {
      lines: [
        raw(item?.ask ?? ""),
        say("checklist.condition.explain", {
          name: docName(ctx, item?.doc ?? ""),
          condition: item?.condition ?? "",
        }),
      ],
      options: [option("yes", "option.yes-applies"), option("no", "option.no-applies")],
    },
  ];
}

/** Asks the open condition question again when the answer was not understood. */
export function repeatQuestion(
  state: ConversationState,
  ctx: DialogueContext,
  p: Procedure,
  at: number,
): StepResult | null {
  const line = state.checklist?.lines[at];
  if (!line) return null;
  const [plan, ...rest] = questionPlans(ctx, p, line);
  if (!plan) return null;
  return {
    state,
    replies: [{ ...plan, lines: [say("checklist.condition.retry"), ...plan.lines] }, ...rest],
    effects: [],
  };
}

/** Asks the next question, or shows the summary when nothing is open. */
function continueChecklist(
  state: ConversationState,
  ctx: DialogueContext,
  p: Procedure,
  c: Checklist,
): StepResult {
  const q = nextQuestion(p, c.lines);
  const line = q === null ? undefined : c.lines[q];
  if (q !== null && line) {
    return {
      state: { ...state, topic: p.slug, checklist: c, pending: { kind: "checklist-condition", line: q } },
      replies: questionPlans(ctx, p, line),
      effects: [],
    };
  }
  return {
    state: { ...state, topic: p.slug, checklist: c, pending: null, misses: 0 },
    replies: summaryPlans(ctx, p, c, state.lang),
    effects: [],
  };
}

/** Starts (or continues) the checklist of `p` with the papers mentioned in the message. */
export function checklistWith(
  state: ConversationState,
  ctx: DialogueContext,
  p: Procedure,
  mentions: DocumentMentions,
): StepResult {
  const base: Checklist =
    state.checklist?.slug === p.slug ? state.checklist : { slug: p.slug, lines: buildLines(p), extra: [] };
  if (mentions.have.length === 0 && mentions.lack.length === 0 && state.checklist?.slug !== p.slug)
    return tickPrompt(state, ctx, p, base);
  const { lines, extra } = applyMentions(p, base.lines, mentions);
  return continueChecklist(state, ctx, p, {
    slug: p.slug,
    lines,
    extra: [...new Set([...base.extra, ...extra])],
  });
}

/** Shows the numbered paper list so the user can tick what they have. */
export function tickPrompt(
  state: ConversationState,
  ctx: DialogueContext,
  p: Procedure,
  c?: Checklist,
): StepResult {
  const checklist =
    c ??
    (state.checklist?.slug === p.slug ? state.checklist : { slug: p.slug, lines: buildLines(p), extra: [] });
  const lines: Line[] = [say("checklist.tick", { name: procName(p, state.lang) })];
  checklist.lines.forEach((l, i) =>
    lines.push(raw(`${i + 1}. ${l.status === "have" ? "✅ " : ""}${lineName(ctx, p, l)}`)),
  );
  lines.push(say("checklist.tick.hint"));
  return {
    state: { ...state, topic: p.slug, checklist, pending: { kind: "checklist-tick" }, options: [] },
    replies: [{ lines, options: [option("no", "option.nothing-yet")] }],
    effects: [],
  };
}

/** Handles the answer to the tick list: numbers, paper names, or "nothing yet". */
export function answerTick(
  state: ConversationState,
  ctx: DialogueContext,
  p: Procedure,
  u: Understanding,
): StepResult | null {
  const c = state.checklist;
  if (!c) return null;
  if (u.numbers && u.numbers.every((n) => n >= 1 && n <= c.lines.length)) {
    const lines = c.lines.map((l, i) =>
      u.numbers?.includes(i + 1) ? { ...l, status: "have" as const, applies: l.applies ?? true } : l,
    );
    return continueChecklist(state, ctx, p, { ...c, lines });
  }
  if (u.documents.have.length || u.documents.lack.length || u.documents.named.length) {
    return checklistWith(state, ctx, p, {
      have: [...u.documents.have, ...u.documents.named],
      lack: u.documents.lack,
      named: [],
    });
  }
  if (u.optionId === "no" || u.intents.has("no")) return continueChecklist(state, ctx, p, c);
  return null;
}

/** Handles the answer to a condition question (yes / no, or which paper applies). */
export function answerCondition(
  state: ConversationState,
  ctx: DialogueContext,
  p: Procedure,
  at: number,
  u: Understanding,
): StepResult | null {
  const c = state.checklist;
  const line = c?.lines[at];
  if (!c || !line) return null;
  let next: ChecklistLine | null = null;
  const chosen = u.optionId?.startsWith("cond:") ? Number(u.optionId.slice(5)) : null;
  if (line.items.length > 1) {
    const byDoc = line.items.find(
      (i) =>
        u.documents.have.includes(p.documents[i]?.doc ?? "") ||
        u.documents.named.includes(p.documents[i]?.doc ?? ""),
    );
    const none = u.optionId === "no" || u.intents.has("no");
    // An option or a paper named outright wins; else the situation described in words ("ở bệnh viện").
    const described =
      chosen === null && byDoc === undefined && !none
        ? pickAlternative(p, line.items, ctx.documents, u.analyzed)
        : null;
    const pick = chosen ?? byDoc ?? described;
    if (pick !== null && line.items.includes(pick))
      next = { ...line, chosen: pick, applies: true, status: u.documents.have.length ? "have" : line.status };
    else if (none)
      // "None of these": an optional group does not apply; a required one is missing.
      next = line.applies === null ? { ...line, applies: false } : { ...line, status: "lack" };
  } else if (u.optionId === "yes" || u.intents.has("yes")) next = { ...line, applies: true };
  else if (u.optionId === "no" || u.intents.has("no")) next = { ...line, applies: false };
  if (!next) return null;
  const settled = next;
  // Papers asked about with the very same question share the answer: the user is asked once.
  const ask = line.items.length === 1 ? p.documents[line.items[0] ?? -1]?.ask : undefined;
  const sameQuestion = (l: ChecklistLine): boolean =>
    ask !== undefined &&
    l.items.length === 1 &&
    l.applies === null &&
    p.documents[l.items[0] ?? -1]?.ask === ask;
  const lines = c.lines.map((l, i) =>
    i === at ? settled : sameQuestion(l) ? { ...l, applies: settled.applies } : l,
  );
  return continueChecklist(state, ctx, p, { ...c, lines });
}
