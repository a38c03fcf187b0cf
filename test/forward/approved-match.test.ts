// The approved-answer matching rule on the real knowledge base's language resources: paraphrases of
// the same question match (rule 1 near-identical wording, rule 2 same procedure + intents + leftover
// words); near misses — other intent, situation, case or procedure — must not.
import { describe, expect, it } from "vitest";
import {
  approvedQuestionKey,
  matchScore,
  procedureVocabulary,
  MIN_JACCARD,
} from "../../src/core/dialogue/approved-match.js";
import { createNlu } from "../../src/core/dialogue/index.js";
import { realKb } from "../helpers/kb.js";

const kb = realKb();
const nlu = createNlu(kb);
const vocabulary = procedureVocabulary(kb.procedures);
/** Score of citizen question `q` (resolved to `qProc`) against approved question `a` (procedure `aProc`). */
const score = (a: string, aProc: string | null, q: string, qProc: string | null): number =>
  matchScore(approvedQuestionKey(nlu, vocabulary, a, aProc), approvedQuestionKey(nlu, vocabulary, q, qProc));

const PAPERS = "Làm giấy khai sinh cần những giấy tờ gì?";

describe("approved answer matching", () => {
  it.each([
    ["politeness and accents only", PAPERS, "cho em hỏi lam giay khai sinh can nhung giay to gi a"],
    ["an abbreviation", "Đăng ký khai sinh cần giấy tờ gì?", "dk khai sinh can giay to gi"],
  ])("rule 1 (near-identical): %s", (_, a, q) => {
    expect(score(a, "khai-sinh", q, "khai-sinh")).toBeGreaterThanOrEqual(1 + MIN_JACCARD);
  });

  it.each([
    ["another wording of the same question", PAPERS, "đăng ký khai sinh cho bé cần chuẩn bị gì", "khai-sinh"],
    [
      "fee asked differently",
      "Lệ phí đăng ký khai sinh bao nhiêu?",
      "làm khai sinh tốn bao nhiêu",
      "khai-sinh",
    ],
    [
      "a follow-up naming no procedure",
      "Lệ phí đăng ký khai sinh bao nhiêu?",
      "phí bao nhiêu vậy",
      "khai-sinh",
    ],
  ])("rule 2 (same procedure and question): %s", (_, a, q, proc) => {
    expect(score(a, "khai-sinh", q, proc)).toBe(1);
  });

  it.each([
    [
      "another intent (fee, not papers)",
      PAPERS,
      "khai-sinh",
      "lệ phí làm giấy khai sinh bao nhiêu",
      "khai-sinh",
    ],
    ["another intent (time)", PAPERS, "khai-sinh", "làm giấy khai sinh mất bao lâu", "khai-sinh"],
    [
      "an extra intent (online)",
      PAPERS,
      "khai-sinh",
      "làm giấy khai sinh online cần những giấy tờ gì",
      "khai-sinh",
    ],
    [
      "a situation (born at home)",
      PAPERS,
      "khai-sinh",
      "khai sinh cho bé sinh ở nhà cần những giấy tờ gì",
      "khai-sinh",
    ],
    ["a situation (overdue)", PAPERS, "khai-sinh", "khai sinh quá hạn cần những giấy tờ gì", "khai-sinh"],
    ["another procedure", PAPERS, "khai-sinh", "làm giấy khai tử cần những giấy tờ gì", "khai-tu"],
    [
      "a case named inside the procedure's name",
      "Cấp căn cước cần giấy tờ gì?",
      "can-cuoc",
      "cấp lại căn cước cần giấy tờ gì",
      "can-cuoc",
    ],
    ["a procedure the question does not resolve to", PAPERS, "khai-sinh", "cần những giấy tờ gì", null],
    [
      "a negation",
      "Khai sinh có cần giấy chứng sinh không?",
      "khai-sinh",
      "khai sinh không có giấy chứng sinh thì sao",
      "khai-sinh",
    ],
  ])("no match: %s", (_, a, aProc, q, qProc) => {
    expect(score(a, aProc, q, qProc)).toBe(0);
  });

  it("takes the approved question's procedure from its text when staff gave none", () => {
    expect(approvedQuestionKey(nlu, vocabulary, "Đăng ký khai sinh cần giấy tờ gì?", null).procedure).toBe(
      "khai-sinh",
    );
    expect(approvedQuestionKey(nlu, vocabulary, "Cần mang theo giấy tờ gì?", null).procedure).toBeNull();
  });
});
