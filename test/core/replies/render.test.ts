// Reply rendering: bubbles of at most 1,000 characters split at sentence boundaries, options on
// the last bubble, and the plain-text form with numbered options for channels without buttons.
import { describe, expect, it } from "vitest";
import { MAX_BUBBLE_CHARS } from "../../../src/core/messages.js";
import { plainText, renderPlans, splitBubbles } from "../../../src/core/replies/index.js";

const set = { vi: { hello: "Xin chào {name}.", "opt.menu": "Menu" }, en: {} };

describe("reply rendering", () => {
  it("splits long text at sentence boundaries into bubbles of at most N characters", () => {
    const sentence = "Anh chị mang theo căn cước bản chính để cán bộ đối chiếu. ";
    const text = sentence.repeat(40).trim();
    const bubbles = splitBubbles(text, MAX_BUBBLE_CHARS);
    expect(bubbles.length).toBeGreaterThan(1);
    for (const b of bubbles) {
      expect(b.length).toBeLessThanOrEqual(MAX_BUBBLE_CHARS);
      expect(b.endsWith(".")).toBe(true);
    }
    expect(bubbles.join(" ").replace(/\s+/g, " ")).toBe(text.replace(/\s+/g, " "));
  });

  it("cuts a single over-long word only as a last resort", () => {
    const bubbles = splitBubbles("x".repeat(2500), 1000);
    expect(bubbles.map((b) => b.length)).toEqual([1000, 1000, 500]);
  });

  it("attaches options to the last bubble of a plan and falls back to Vietnamese templates", () => {
    const long = "Câu dài. ".repeat(200);
    const replies = renderPlans(set, "en", [
      {
        lines: [{ key: "hello", params: { name: "An" } }, { raw: long }],
        options: [{ id: "menu", label: { key: "opt.menu" } }],
      },
    ]);
    expect(replies[0]?.text.startsWith("Xin chào An.")).toBe(true);
    expect(replies.slice(0, -1).every((r) => r.options === undefined)).toBe(true);
    expect(replies.at(-1)?.options).toEqual([{ id: "menu", label: "Menu" }]);
  });

  it("numbers options and lists links in plain text", () => {
    const text = plainText({
      text: "Anh chị muốn làm gì tiếp?",
      options: [
        { id: "a", label: "Kiểm tra giấy tờ" },
        { id: "b", label: "Điền tờ khai" },
      ],
      links: [{ label: "Cổng DVC", url: "https://dichvucong.gov.vn" }],
    });
    expect(text).toBe(
      "Anh chị muốn làm gì tiếp?\nCổng DVC: https://dichvucong.gov.vn\n1. Kiểm tra giấy tờ\n2. Điền tờ khai",
    );
  });
});
