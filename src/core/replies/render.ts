// Renders reply plans into canonical replies: template lines joined, long bubbles split at
// sentence boundaries, options and links attached to the last bubble of each plan.
import type { Line, OptionPlan, ReplyPlan } from "../dialogue/types.js";
import { MAX_BUBBLE_CHARS, type Reply } from "../messages.js";
import { splitBubbles } from "./split.js";
import { fill, type TemplateSet } from "./templates.js";

/** Text of one line. */
export function lineText(set: TemplateSet, lang: "vi" | "en", line: Line): string {
  return "raw" in line ? line.raw : fill(set, lang, line.key, line.params);
}

/** Text of every line of a plan, joined by newlines. */
export function planText(set: TemplateSet, lang: "vi" | "en", plan: ReplyPlan): string {
  return plan.lines.map((l) => lineText(set, lang, l)).join("\n");
}

/** Options with their labels rendered. */
export function renderOptions(
  set: TemplateSet,
  lang: "vi" | "en",
  options: readonly OptionPlan[],
): Array<{ id: string; label: string }> {
  return options.map((o) => ({ id: o.id, label: lineText(set, lang, o.label) }));
}

/** Renders plans; `textOf` may replace a plan's text (e.g. a grounded model wording). */
export function renderPlans(
  set: TemplateSet,
  lang: "vi" | "en",
  plans: readonly ReplyPlan[],
  textOf: (plan: ReplyPlan, index: number) => string = (plan) => planText(set, lang, plan),
): Reply[] {
  return plans.flatMap((plan, index) => {
    const bubbles = splitBubbles(textOf(plan, index), MAX_BUBBLE_CHARS);
    return bubbles.map((text, i) => {
      const last = i === bubbles.length - 1;
      const options = last && plan.options?.length ? renderOptions(set, lang, plan.options) : undefined;
      return {
        text,
        ...(options ? { options } : {}),
        ...(last && plan.links?.length ? { links: plan.links } : {}),
      };
    });
  });
}
