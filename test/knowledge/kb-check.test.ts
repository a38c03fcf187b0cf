// kb:check error cases: each malformed field yields a problem naming the file and the field,
// in Vietnamese and English; the CLI exits with code 1.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { loadKnowledge } from "../../src/knowledge/index.js";
import { KNOWLEDGE_DIR } from "../helpers/kb.js";
import { tempDir } from "../helpers/tmp.js";

const TODAY = "2026-11-23";
const base = parse(readFileSync(join(KNOWLEDGE_DIR, "procedures/khai-sinh.yaml"), "utf8")) as Record<string, unknown>;

type Mutation = (p: Record<string, unknown>) => void;

/** Writes a knowledge folder with khai-sinh (mutated) and optionally a second procedure. */
function fixture(mutate: Mutation, extra?: Record<string, unknown>): string {
  const root = join(tempDir(), "knowledge");
  mkdirSync(join(root, "procedures"), { recursive: true });
  cpSync(join(KNOWLEDGE_DIR, "documents.yaml"), join(root, "documents.yaml"));
  cpSync(join(KNOWLEDGE_DIR, "lexicon.yaml"), join(root, "lexicon.yaml"));
  cpSync(join(KNOWLEDGE_DIR, "intents.yaml"), join(root, "intents.yaml"));
  const p = structuredClone(base);
  mutate(p);
  writeFileSync(join(root, "procedures/khai-sinh.yaml"), stringify(p));
  if (extra) writeFileSync(join(root, `procedures/${String(extra.slug)}.yaml`), stringify(extra));
  return root;
}

function problemsOf(root: string) {
  return loadKnowledge(root, TODAY).problems;
}

const docs = (p: Record<string, unknown>) => p.documents as Array<Record<string, unknown>>;

describe("kb:check names the file and the field of every problem", () => {
  const cases: Array<[string, Mutation, string, RegExp]> = [
    ["unknown document id", (p) => (docs(p)[0]!.doc = "giay-khong-co"), "documents[0].doc", /không có trong danh mục/],
    ["bad copy kind", (p) => (docs(p)[1]!.copy = "ban-goc"), "documents[1].copy", /chỉ nhận/],
    ["missing sources", (p) => (p.sources = []), "sources", /nguồn/],
    ["missing checked date", (p) => delete p.checked, "checked", /thiếu trường/],
    ["malformed checked date", (p) => (p.checked = "23/11/2026"), "checked", /NĂM-THÁNG-NGÀY/],
    ["checked date in the future", (p) => (p.checked = "2030-01-01"), "checked", /tương lai/],
    ["bad source URL", (p) => ((p.sources as Array<Record<string, unknown>>)[0]!.url = "dichvucong"), "sources[0].url", /địa chỉ web/],
    ["unknown field (typo)", (p) => (p.fees = {}), "", /trường lạ.*fees/],
    ["malformed national code", (p) => (p.code = "1001193"), "code", /mã TTHC/],
    ["slug not matching the file", (p) => (p.slug = "khai-sinh-moi"), "slug", /trùng tên tệp/],
    ["bad slug characters", (p) => (p.slug = "Khai Sinh"), "slug", /chữ thường/],
    ["choice field without options", (p) => {
      const fields = (p.form as { fields: Array<Record<string, unknown>> }).fields;
      delete fields[2]!.options;
    }, "form.fields[2].options", /lựa chọn/],
    ["bad validation pattern", (p) => {
      const fields = (p.form as { fields: Array<Record<string, unknown>> }).fields;
      fields[0]!.rule = { pattern: "([a-z" };
    }, "form.fields[0].rule.pattern", /pattern/],
    ["alternative group with one member", (p) => {
      for (const d of docs(p)) if (d.group === "chung-minh-viec-sinh" && d.doc !== "giay-chung-sinh") delete d.group;
    }, "documents", /nhóm thay thế/],
    ["either/or question on a single paper", (p) => {
      const item = docs(p).find((d) => d.doc === "van-ban-uy-quyen");
      if (item) item.ask = "Bạn tự đi nộp hay nhờ người khác?";
    }, "documents[6].ask", /hỏi câu có\/không/],
    ["empty description", (p) => (p.description = "  "), "description", /không được để trống/],
    ["negative fee", (p) => ((p.fee as Record<string, unknown>).amount_vnd = -5), "fee.amount_vnd", /tối thiểu/],
  ];

  it.each(cases)("%s", (_label, mutate, field, vi) => {
    const problems = problemsOf(fixture(mutate));
    const hit = problems.find((p) => p.field === field && vi.test(p.vi));
    expect(hit, JSON.stringify(problems, null, 1)).toBeDefined();
    expect(hit?.file).toBe("knowledge/procedures/khai-sinh.yaml");
    expect(hit?.en.length).toBeGreaterThan(5);
  });

  it("rejects an alias shared by two procedures", () => {
    const other = { ...structuredClone(base), slug: "khai-sinh-2", name: "Thủ tục khác", aliases: ["làm khai sinh cho con", "a b", "c d"] };
    const problems = problemsOf(fixture(() => undefined, other));
    const hit = problems.find((p) => p.field === "aliases" && /đã dùng cho thủ tục khai-sinh/.test(p.vi));
    expect(hit, JSON.stringify(problems, null, 1)).toBeDefined();
  });

  it("treats aliases differing only by accents or case as the same alias", () => {
    const other = { ...structuredClone(base), slug: "khai-sinh-2", name: "Thủ tục khác", aliases: ["LÀM KHAI SINH CHO CON!", "a b", "c d"] };
    expect(problemsOf(fixture(() => undefined, other)).some((p) => p.field === "aliases")).toBe(true);
  });

  it("rejects a duplicate slug", () => {
    const root = fixture(() => undefined, { ...structuredClone(base), slug: "khai-sinh-2", aliases: ["x y", "y z", "z w"], name: "Khác" });
    const copy = parse(readFileSync(join(root, "procedures/khai-sinh-2.yaml"), "utf8")) as Record<string, unknown>;
    copy.slug = "khai-sinh";
    writeFileSync(join(root, "procedures/khai-sinh-2.yaml"), stringify(copy));
    expect(problemsOf(root).some((p) => p.field === "slug" && /trùng với/.test(p.vi))).toBe(true);
  });

  it("reports a YAML syntax error with its line", () => {
    const root = fixture(() => undefined);
    writeFileSync(join(root, "procedures/khai-sinh.yaml"), "slug: khai-sinh\nname: [không đóng ngoặc\n");
    const problems = problemsOf(root);
    expect(problems[0]?.vi).toMatch(/cú pháp YAML/);
    expect(problems[0]?.field).toMatch(/dòng\/line \d+/);
  });

  it("rejects a catalogue entry whose alias belongs to another document", () => {
    const root = fixture(() => undefined);
    const cat = parse(readFileSync(join(root, "documents.yaml"), "utf8")) as { documents: Array<{ aliases: string[] }> };
    cat.documents[1]!.aliases.push("CCCD");
    writeFileSync(join(root, "documents.yaml"), stringify(cat));
    expect(problemsOf(root).some((p) => p.file === "knowledge/documents.yaml" && /đã dùng cho giấy tờ can-cuoc/.test(p.vi))).toBe(true);
  });

  it("rejects an unstable lexicon rule", () => {
    const root = fixture(() => undefined);
    const lex = parse(readFileSync(join(root, "lexicon.yaml"), "utf8")) as { phrases: Record<string, string> };
    lex.phrases["giấy phép lái"] = "giấy phép lái xe";
    writeFileSync(join(root, "lexicon.yaml"), stringify(lex));
    expect(problemsOf(root).some((p) => p.field === "phrases.giấy phép lái")).toBe(true);
  });

  it("CLI prints the problems and exits 1", () => {
    const root = fixture((p) => (docs(p)[0]!.doc = "giay-khong-co"));
    const out = spawnSync(process.execPath, ["--import", "tsx", "scripts/kb-check.ts", "--dir", root], {
      cwd: resolve(KNOWLEDGE_DIR, ".."),
      encoding: "utf8",
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain("knowledge/procedures/khai-sinh.yaml › documents[0].doc");
    expect(out.stderr).toContain("unknown document id");
  });
});
