// "Hồ sơ của tôi đến đâu rồi?": answers from the status port for a dossier code, lists the
// dossiers created from this conversation, or explains how to look one up when none is known.
import type { ConversationState } from "../state.js";
import { option, say, type Line, type StepResult, type Understanding } from "../types.js";
import { menuOptions, reply } from "./system.js";

function statusLines(code: string, u: Understanding): Line[] {
  const s = u.status;
  if (!s || s.kind === "unavailable") return [say("status.unavailable", { code })];
  if (s.kind === "not-found") return [say("status.not-found", { code })];
  if (s.kind === "needs-owner-id") return [say("status.needs-id", { code })];
  const lines: Line[] = [say("status.found", { code: s.code, label: s.statusLabel })];
  if (s.appointment) lines.push(say("status.appointment", { date: s.appointment }));
  for (const r of s.requests) lines.push(say("status.request", { text: r }));
  return lines;
}

/** Status of the code in the message, or the user's dossiers, or how to find the code. */
export function statusReply(state: ConversationState, u: Understanding): StepResult {
  const code = u.dossierCodes[0];
  if (code)
    return reply({ ...state, misses: 0, pending: null }, [
      { lines: statusLines(code, u), options: menuOptions() },
    ]);
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
