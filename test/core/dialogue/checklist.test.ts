// The checklist model on real procedures: alternative groups, conditional lines, optional groups
// (needed only in some situations), mentions of papers a procedure does not use, completeness.
import { describe, expect, it } from "vitest";
import {
  applyMentions,
  buildLines,
  lineDocs,
  nextQuestion,
  summarize,
} from "../../../src/core/dialogue/index.js";
import { realKb } from "../../helpers/kb.js";

const kb = realKb();
const proc = (slug: string) => {
  const p = kb.procedures.find((x) => x.slug === slug);
  if (!p) throw new Error(slug);
  return p;
};
const none = { have: [], lack: [], named: [] };

describe("checklist model", () => {
  it("puts alternatives on one line and marks which one the user has", () => {
    const p = proc("khai-sinh");
    const lines = buildLines(p);
    const group = lines.find((l) => l.items.length > 1);
    expect(group?.applies).toBe(true);
    const { lines: marked } = applyMentions(p, lines, { ...none, have: ["giay-chung-sinh"] });
    const had = marked.find((l) => l.status === "have");
    expect(had && lineDocs(p, had)).toEqual(["giay-chung-sinh"]);
  });

  it("reports retired papers as no longer needed, with the reason", () => {
    const p = proc("khai-sinh");
    const { lines, extra } = applyMentions(p, buildLines(p), { ...none, have: ["giay-chung-nhan-ket-hon"] });
    const s = summarize(p, lines, extra, kb.documents);
    expect(s.noLongerNeeded.map((n) => n.doc)).toEqual(["giay-chung-nhan-ket-hon"]);
    expect(s.noLongerNeeded[0]?.note.length).toBeGreaterThan(10);
  });

  it("keeps an optional group conditional until the user's situation is known", () => {
    const p = proc("ly-lich-tu-phap");
    const lines = buildLines(p);
    const kin = lines.find((l) => lineDocs(p, l).includes("giay-khai-sinh"));
    expect(kin?.applies).toBeNull();
    const s = summarize(p, lines, [], kb.documents);
    expect(s.missing.some((l) => lineDocs(p, l).includes("giay-khai-sinh"))).toBe(false);
    expect(s.conditional.some((l) => lineDocs(p, l).includes("giay-khai-sinh"))).toBe(true);
  });

  it("never asks again about an optional group that does not apply", () => {
    const p = proc("xac-nhan-hon-nhan");
    const lines = buildLines(p).map((l) =>
      l.items.length > 1 && l.applies === null
        ? { ...l, applies: false }
        : { ...l, applies: true, status: "have" as const },
    );
    expect(nextQuestion(p, lines)).toBeNull();
    expect(summarize(p, lines, [], kb.documents).complete).toBe(true);
  });

  it("is complete only when nothing required is missing and no question is open", () => {
    const p = proc("khai-sinh");
    const start = summarize(p, buildLines(p), [], kb.documents);
    expect(start.complete).toBe(false);
    const all = buildLines(p).map((l) => ({ ...l, status: "have" as const, applies: true }));
    expect(summarize(p, all, [], kb.documents).complete).toBe(true);
  });
});
