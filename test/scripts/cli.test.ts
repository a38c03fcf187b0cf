// The command-line tools as a user runs them: `npm run ask`, and the evaluation scripts' --json
// contracts (retrieval: {"ours", "baseline"}; checklist: {"scenarios": [{id, present, missing, extra}]}).
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/tmp.js";

const ROOT = resolve(import.meta.dirname, "../..");

function tsx(script: string, args: string[], dataDir: string) {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATA_DIR: dataDir, OPENAI_API_KEY: "", OPENAI_BASE_URL: "" },
  });
}

describe("command-line tools", () => {
  const dataDir = tempDir();

  it("npm run ask prints the best procedure with papers, fee, source and checked date", () => {
    const out = tsx("scripts/ask.ts", ["lam giay khai sinh cho con can j"], dataDir);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("Đăng ký khai sinh");
    expect(out.stdout).toContain("Giấy tờ cần chuẩn bị:");
    expect(out.stdout).toMatch(/Lệ phí: /);
    expect(out.stdout).toMatch(/Nguồn: .*https:\/\//);
    expect(out.stdout).toMatch(/kiểm tra ngày \d{2}\/\d{2}\/\d{4}/);
  });

  it("npm run ask says politely when nothing matches, with numbered options", () => {
    const out = tsx("scripts/ask.ts", ["cách nấu phở bò cho ngon"], dataDir);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/Xin lỗi, tôi chưa (tìm thấy thủ tục này|hiểu)/);
    expect(out.stdout).toMatch(/^1\. /m);
    expect(out.stdout).not.toMatch(/Lệ phí: /);
  });

  it("eval-checklist prints present, missing and extra papers with canonical names", () => {
    const out = tsx("scripts/eval-checklist.ts", ["--file", "test/fixtures/dev-checklist.jsonl"], dataDir);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/dc01 · khai-sinh\n\s+có rồi \(present\):\s+giấy chứng sinh\n/);
    expect(out.stdout).toMatch(/recognition vs "has" over 10: precision/);
  });

  it("eval-checklist --json prints {scenarios: [{id, present, missing, extra}]}", () => {
    const out = tsx(
      "scripts/eval-checklist.ts",
      ["--file", "test/fixtures/dev-checklist.jsonl", "--json"],
      dataDir,
    );
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0] ?? "") as {
      scenarios: Array<{ id: string; present: string[]; missing: string[]; extra: string[] }>;
    };
    expect(Object.keys(parsed)).toEqual(["scenarios"]);
    expect(parsed.scenarios).toHaveLength(10);
    for (const s of parsed.scenarios) expect(Object.keys(s)).toEqual(["id", "present", "missing", "extra"]);
    const byId = new Map(parsed.scenarios.map((s) => [s.id, s]));
    // Khai sinh: the birth certificate is held, the marriage certificate is no longer required (2025).
    expect(byId.get("dc01")?.present).toEqual(["giấy chứng sinh"]);
    expect(byId.get("dc01")?.extra).toEqual(["giấy chứng nhận kết hôn"]);
    expect(byId.get("dc01")?.missing).toContain("căn cước");
    // Passport: ID card and photos held; the application form is still missing.
    expect(byId.get("dc03")?.present.sort()).toEqual(["căn cước", "ảnh chân dung"].sort());
    expect(byId.get("dc03")?.missing).toContain("tờ khai đề nghị cấp hộ chiếu");
    for (const s of parsed.scenarios) {
      for (const name of [...s.present, ...s.missing, ...s.extra]) expect(name).toMatch(/^[^A-Z]/);
      expect(s.present.filter((p) => s.missing.includes(p))).toEqual([]);
    }
  });

  it("eval-checklist names the line of a malformed scenario", () => {
    const dir = tempDir();
    const file = `${dir}/bad.jsonl`;
    writeFileSync(
      file,
      '{"id": "x1", "procedure": "khai-sinh", "message": "có giấy chứng sinh"}\n{"id": "x2"}\n',
    );
    const out = tsx("scripts/eval-checklist.ts", ["--file", file], dataDir);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain("bad.jsonl:2");
  });

  it("eval-retrieval --json prints exactly one JSON object with the agreed keys", () => {
    const out = tsx(
      "scripts/eval-retrieval.ts",
      ["--file", "test/fixtures/dev-retrieval.jsonl", "--json"],
      dataDir,
    );
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0] ?? "") as Record<string, Record<string, number>>;
    const keys = [
      "n",
      "recall_at_1",
      "recall_at_3",
      "mrr",
      "oos_rejection",
      "false_rejection",
      "p50_ms",
      "p99_ms",
    ];
    for (const system of ["ours", "baseline"]) {
      expect(Object.keys(parsed[system] ?? {}).sort()).toEqual([...keys].sort());
      expect(parsed[system]?.n).toBe(118);
    }
  });
});
