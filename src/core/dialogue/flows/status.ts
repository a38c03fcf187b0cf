// "Hồ sơ của tôi đến đâu rồi?": answers from the status port for a dossier code in plain Vietnamese
// (meaning, next step, appointment, "quá hạn N ngày"), asks the owner's ID number when the portal
// needs it (never repeated back), lists the conversation's dossiers, or explains how to find the code.
import type { ConversationState } from "../state.js";
import type { StatusAnswer } from "../../ports.js";
import { formatDate, vnIsoDay } from "../../replies/labels.js";
import { option, say, type Line, type ReplyPlan, type StepResult, type Understanding } from "../types.js";
import { menuOptions, reply } from "./system.js";

/** Statuses where the office still owes the citizen a result. */
const OPEN = new Set([1, 2, 4, 5, 6]);
const DAY_MS = 86_400_000;

/** Whole days from the appointment date to today (Vietnam time), when positive. */
function overdueDays(appointment: string, now: number): number {
  return Math.max(0, Math.round((Date.parse(vnIsoDay(now)) - Date.parse(appointment)) / DAY_MS));
}

function foundLines(s: Extract<StatusAnswer, { kind: "found" }>, now: number): Line[] {
  const lines: Line[] = [
    say("status.found", { code: s.code, label: s.statusLabel }),
    say(`status.meaning.${s.statusCode}`),
  ];
  for (const r of s.requests) lines.push(say("status.request", { text: r }));
  if (s.appointment && OPEN.has(s.statusCode)) {
    lines.push(say("status.appointment", { date: formatDate(s.appointment) }));
    const late = overdueDays(s.appointment, now);
    if (late > 0) lines.push(say("status.overdue", { days: late }));
  }
  return lines;
}

function statusLines(code: string, u: Understanding, now: number): Line[] {
  const s = u.status;
  if (!s || s.kind === "unavailable") return [say("status.unavailable", { code })];
  if (s.kind === "not-found") return [say("status.not-found", { code })];
  if (s.kind === "needs-owner-id") return [say("status.needs-id", { code })];
  if (s.kind === "too-many-attempts") return [say("status.too-many-ids", { code })];
  return foundLines(s, now);
}

/** Status of the code in the message, or the user's dossiers, or how to find the code. */
export function statusReply(state: ConversationState, u: Understanding, now: number): StepResult {
  const code = u.dossierCodes[0];
  if (code) {
    const needsId = u.status?.kind === "needs-owner-id";
    return reply({ ...state, misses: 0, pending: needsId ? { kind: "status-owner-id", code } : null }, [
      {
        lines: statusLines(code, u, now),
        options: needsId ? [option("menu", "option.menu")] : menuOptions(),
      },
    ]);
  }
  const mine = u.myDossiers ?? [];
  if (mine.length > 0) {
    return reply({ ...state, misses: 0, pending: null }, [
      {
        lines: [say("status.mine", { count: mine.length })],
        options: mine.slice(0, 5).map((c) => ({ id: `status:${c}`, label: { raw: c } })),
      },
    ]);
  }
  return reply({ ...state, misses: 0, pending: null }, [
    {
      lines: [say("status.ask-code")],
      options: [option("handoff", "option.handoff"), option("menu", "option.menu")],
    },
  ]);
}

/** A status-change notification in plain language (sent outside a turn). */
export function statusChangePlans(answer: StatusAnswer, now: number): ReplyPlan[] {
  if (answer.kind !== "found") return [];
  return [{ lines: [say("status.changed"), ...foundLines(answer, now)], options: menuOptions() }];
}

/** A 12-digit ID number in a message (spaces and dots allowed between digits); null when none. */
export function ownerIdIn(text: string): string | null {
  return /(?:^|\D)(\d{12})(?:\D|$)/.exec(text.replace(/[\s.]/g, ""))?.[1] ?? null;
}

/** The answer to "send the owner's ID number": looked up by the assistant, never echoed. */
export function answerOwnerId(
  state: ConversationState,
  code: string,
  u: Understanding,
  now: number,
): StepResult | null {
  if (!ownerIdIn(u.text)) return null;
  return statusReply({ ...state, pending: null }, { ...u, dossierCodes: [code] }, now);
}
