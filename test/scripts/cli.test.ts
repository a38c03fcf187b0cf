// The command-line tools as a user runs them: `npm run ask`, and the evaluation script's --json
// contract ({"ours": {...}, "baseline": {...}} with the agreed keys).
import { spawnSync } from "node:child_process";
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

  it("npm run ask says politely when nothing matches", () => {
    const out = tsx("scripts/ask.ts", ["xin chào bạn"], dataDir);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("Không tìm thấy thủ tục này");
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
