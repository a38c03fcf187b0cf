// The words of the photo advice, rendered with the real templates: every verdict gets a complete,
// polite answer in Vietnamese and English; refusals name the formats this server reads and the limit.
import { describe, expect, it } from "vitest";
import { loadTemplates } from "../../src/app/templates.js";
import { adviceLines, asksToAttach, isAttachCommand } from "../../src/core/photos/index.js";
import type { PhotoFormat, PhotoProblem, PhotoVerdict } from "../../src/core/ports.js";
import { planText } from "../../src/core/replies/index.js";

const templates = loadTemplates();
const FORMATS: PhotoFormat[] = ["jpeg", "png", "webp"];
const render = (v: PhotoVerdict, lang: "vi" | "en" = "vi", formats = FORMATS): string =>
  planText(templates, lang, { lines: adviceLines(v, formats) });
const checked = (...problems: PhotoProblem[]): PhotoVerdict => ({
  kind: "checked",
  format: "jpeg",
  width: 640,
  height: 480,
  problems,
});

describe("photo advice wording", () => {
  it.each([
    ["blurry", "Ảnh hơi mờ"],
    ["dark", "Ảnh tối quá"],
    ["glare", "tắt đèn flash"],
    ["sideways", "chữ nằm ngang"],
    ["blank", "không thấy chữ"],
    ["low-resolution", "640×480"],
  ] as const)("gives concrete advice for %s", (problem, words) => {
    const text = render(checked(problem));
    expect(text).toContain("chụp lại");
    expect(text).toContain(words);
  });

  it("lists several problems, one line each, under one heading", () => {
    const lines = render(checked("blurry", "dark", "glare")).split("\n");
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((l) => l.startsWith("•"))).toBe(true);
  });

  it("refuses politely, naming only the formats this server can read, and the 10 MB limit", () => {
    const refusals: PhotoVerdict[] = [
      { kind: "unsupported", format: "gif" },
      { kind: "unsupported", format: null },
      { kind: "too-large", limit: "bytes" },
      { kind: "too-large", limit: "pixels" },
      { kind: "heic-unreadable" },
    ];
    for (const v of refusals) {
      const text = render(v);
      expect(text).toMatch(/Xin lỗi/);
      expect(text).toContain("JPEG, PNG, WebP, mỗi ảnh tối đa 10 MB");
    }
    expect(render({ kind: "heic-unreadable" })).toContain("Tương thích nhất");
    expect(render({ kind: "unsupported", format: null }, "vi", [...FORMATS, "heic"])).toContain(
      "JPEG, PNG, WebP, HEIC",
    );
  });

  it("renders every verdict in English too", () => {
    expect(render(checked(), "en")).toContain("clear and readable");
    expect(render(checked("blurry"), "en")).toContain("blurry");
    expect(render({ kind: "too-small", width: 120, height: 90 }, "en")).toContain("120×90");
    expect(render({ kind: "unreadable", format: "png" }, "en")).toContain("could not open");
  });
});

describe("attach requests", () => {
  it.each([
    "/dinhkem",
    "đính kèm",
    "Đính kèm ảnh",
    "dinh kem anh vao ho so",
    "lưu ảnh vào hồ sơ",
    "attach photo",
  ])("takes “%s” alone as the attach command", (text) => expect(isAttachCommand(text)).toBe(true));

  it.each(["hồ sơ cần đính kèm giấy gì", "đính kèm giấy khai sinh được không", "làm căn cước", ""])(
    "does not take “%s” as the command",
    (text) => expect(isAttachCommand(text)).toBe(false),
  );

  it("reads a caption's request, and its refusal", () => {
    expect(asksToAttach("ảnh căn cước, đính kèm vào hồ sơ giúp tôi")).toBe(true);
    expect(asksToAttach("luu vao ho so nhe")).toBe(true);
    expect(asksToAttach("không đính kèm, chỉ kiểm tra thôi")).toBe(false);
    expect(asksToAttach("đừng lưu ảnh")).toBe(false);
    expect(asksToAttach("ảnh này có rõ không")).toBe(false);
  });
});
