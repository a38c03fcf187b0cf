// What the citizen is told after a confirmed form went to the portal: the dossier code, appointment
// date, papers still to bring, the link to finish with VNeID and the receipt — or a plain explanation.
import type { Procedure } from "../../knowledge/index.js";
import type { SubmitOutcome } from "../../ports.js";
import { option, say, type Line, type ReplyPlan } from "../types.js";
import { formatDate } from "../../replies/labels.js";

/** Names of the papers the procedure always needs (shown as "mang theo / tải lên", and on the receipt). */
export function papersToBring(p: Procedure, names: ReadonlyMap<string, string>): string[] {
  const seen = new Set<string>();
  for (const item of p.documents) {
    if (item.condition || item.copy === "electronic") continue;
    seen.add(names.get(item.doc) ?? item.doc);
  }
  return [...seen];
}

/** Reply plans for a submission outcome. `names` maps document ids to their catalogue names. */
export function submissionPlans(
  outcome: SubmitOutcome,
  p: Procedure,
  names: ReadonlyMap<string, string>,
): ReplyPlan[] {
  const after = [
    option("status", "option.status"),
    option("checklist", "option.checklist"),
    option("menu", "option.menu"),
  ];
  switch (outcome.kind) {
    case "created": {
      const lines: Line[] = [
        say("dossier.created", { code: outcome.code, label: outcome.statusLabel }),
        outcome.appointment
          ? say("dossier.appointment", { date: formatDate(outcome.appointment) })
          : say("dossier.appointment.none"),
      ];
      const papers = papersToBring(p, names);
      if (papers.length > 0) lines.push(say("dossier.papers", { papers: papers.join("; ") }));
      lines.push(say("dossier.finish"));
      // The receipt's own facts are the lines above; text-only channels print the links as "label: url".
      if (outcome.receipt.length > 0) lines.push(say("dossier.receipt"));
      lines.push(say("dossier.keep-code", { code: outcome.code }));
      const links = [
        { url: outcome.finishUrl, label: "Hoàn tất trên cổng (đăng nhập VNeID)" },
        ...outcome.receipt.map((f) => ({ url: f.url, label: f.name })),
      ];
      return [{ lines, links, options: after }];
    }
    case "rejected":
      return [
        {
          lines: [
            say("dossier.rejected"),
            ...Object.values(outcome.fields)
              .slice(0, 5)
              .map((text) => say("dossier.rejected.field", { text })),
          ],
          options: [
            option("form", "option.form"),
            option("handoff", "option.handoff"),
            option("menu", "option.menu"),
          ],
        },
      ];
    case "queued":
      return [{ lines: [say("dossier.queued")], options: after }];
    case "unavailable":
      return [
        { lines: [say("dossier.unavailable")], options: [option("handoff", "option.handoff"), ...after] },
      ];
    case "not-connected":
      return [{ lines: [say("form.next")], options: after }];
  }
}
