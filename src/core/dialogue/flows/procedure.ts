// Answers about one procedure: the papers to bring (with conditions and what the state already
// holds), fee, time limit, where to submit, online or not, and the official source with its date.
import type { DossierItem, Procedure } from "../../knowledge/index.js";
import { formatDate } from "../../replies/labels.js";
import {
  option,
  raw,
  rawOption,
  say,
  type DialogueContext,
  type Line,
  type OptionPlan,
  type ReplyPlan,
} from "../types.js";

/** Language of the replies. */
export type Lang = "vi" | "en";

/**
 * Title of a procedure in the conversation's language: `name_en` in English conversations (paper
 * names and knowledge-base facts stay Vietnamese, the official wording).
 */
export function procName(p: Procedure, lang: Lang = "vi"): string {
  return lang === "en" ? p.name_en : p.name;
}

/** Capitalised name of a document id. */
export function docName(ctx: DialogueContext, id: string): string {
  const name = ctx.documents.get(id)?.name ?? id;
  return name.charAt(0).toLocaleUpperCase("vi") + name.slice(1);
}

function itemLine(ctx: DialogueContext, item: DossierItem, bullet: string): Line[] {
  const lines: Line[] = [
    say(item.quantity ? "papers.item.qty" : "papers.item", {
      bullet,
      name: docName(ctx, item.doc),
      copy: { key: `copy.${item.copy}` },
      qty: item.quantity ?? 0,
    }),
  ];
  if (item.condition) lines.push(say("papers.condition", { text: item.condition }));
  if (item.state_data) lines.push(say("papers.state-data"));
  return lines;
}

/** The dossier as lines: single papers as bullets, alternative groups as "one of the following". */
export function papersLines(ctx: DialogueContext, p: Procedure): Line[] {
  const lines: Line[] = [];
  const groups = new Set<string>();
  for (const item of p.documents) {
    if (!item.group) {
      lines.push(...itemLine(ctx, item, "•"));
      continue;
    }
    if (groups.has(item.group)) continue;
    groups.add(item.group);
    lines.push(say("papers.one-of"));
    for (const member of p.documents.filter((d) => d.group === item.group))
      lines.push(...itemLine(ctx, member, "   –"));
  }
  for (const n of p.no_longer_required)
    lines.push(say("papers.no-longer", { name: docName(ctx, n.doc), note: n.note }));
  return lines;
}

/** Options offered after an answer about a procedure. */
export function procedureOptions(p: Procedure): OptionPlan[] {
  return [
    option("checklist", "option.checklist"),
    ...(p.form ? [option("form", "option.form")] : []),
    option("handoff", "option.handoff"),
    option("menu", "option.menu"),
  ];
}

function sourceLines(p: Procedure): Line[] {
  const s = p.sources[0];
  return [say("procedure.source", { title: s?.title ?? "", url: s?.url ?? "", date: formatDate(p.checked) })];
}

function feeLines(p: Procedure): Line[] {
  return [
    p.fee.summary ? say("procedure.fee", { text: p.fee.summary }) : say("procedure.fee.unknown"),
    ...(p.fee.exemptions ? [say("procedure.fee.exemptions", { text: p.fee.exemptions })] : []),
  ];
}

function timeLines(p: Procedure): Line[] {
  return [
    p.processing_time.summary
      ? say("procedure.time", { text: p.processing_time.summary })
      : say("procedure.time.unknown"),
  ];
}

function whereLines(p: Procedure): Line[] {
  return [say("procedure.where", { text: p.submit.where }), say("procedure.agency", { text: p.agency.name })];
}

function onlineLines(p: Procedure): Line[] {
  const lines: Line[] = [say(`online.${p.submit.online}`)];
  if (p.submit.portal_url) lines.push(say("procedure.portal", { url: p.submit.portal_url }));
  if (p.submit.how) lines.push(raw(p.submit.how));
  return lines;
}

/** The full answer: papers, then practicalities, then source and disclaimer with options. */
export function requirementsPlans(
  ctx: DialogueContext,
  p: Procedure,
  question: string,
  lang: Lang = "vi",
): ReplyPlan[] {
  return [
    {
      lines: [
        say("procedure.title", { name: procName(p, lang) }),
        raw(p.description),
        say("papers.heading"),
        ...papersLines(ctx, p),
      ],
      phrase: { question },
    },
    { lines: [...feeLines(p), ...timeLines(p), ...whereLines(p), ...onlineLines(p)] },
    { lines: [...sourceLines(p), say("procedure.disclaimer")], options: procedureOptions(p) },
  ];
}

/** Follow-up kinds a citizen asks about the current procedure. */
export type Followup = "fee" | "time" | "where" | "online" | "more" | "papers" | "source";

/** Answer to one follow-up question about the current procedure. */
export function followupPlans(
  ctx: DialogueContext,
  p: Procedure,
  kind: Followup,
  lang: Lang = "vi",
): ReplyPlan[] {
  const head = say("followup.about", { name: procName(p, lang) });
  const body: Record<Followup, () => Line[]> = {
    fee: () => feeLines(p),
    time: () => timeLines(p),
    where: () => whereLines(p),
    online: () => onlineLines(p),
    papers: () => [say("papers.heading"), ...papersLines(ctx, p)],
    source: () => [
      ...p.sources.map((s) =>
        say("procedure.source.item", { title: s.title, url: s.url ?? "", date: s.date ?? "—" }),
      ),
      say("procedure.checked", { date: formatDate(p.checked) }),
    ],
    more: () => [
      ...(p.documents_note ? [raw(p.documents_note)] : []),
      ...p.notes.map((n) => say("procedure.note", { text: n })),
      say("procedure.legal", { text: p.legal_basis.join("; ") }),
    ],
  };
  return [
    {
      lines: [head, ...body[kind](), ...(kind === "source" ? [] : sourceLines(p))],
      options: procedureOptions(p),
    },
  ];
}

/** Several procedures matched: ask the user to pick one. */
export function choosePlans(ctx: DialogueContext, slugs: readonly string[], lang: Lang = "vi"): ReplyPlan[] {
  const options = slugs.map((s) => {
    const p = ctx.procedures.get(s);
    return rawOption(`proc:${s}`, p ? procName(p, lang) : s);
  });
  return [{ lines: [say("choose.heading")], options: [...options, option("none", "option.none-of-these")] }];
}
