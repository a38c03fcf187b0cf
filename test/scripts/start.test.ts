// `npm start` with embedded defaults (no token, no API key, no Redis): the server comes up, answers
// /healthz and /api/search, and shuts down cleanly on SIGTERM.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/tmp.js";

const ROOT = resolve(import.meta.dirname, "../..");

describe("npm start", () => {
  it("serves the API with defaults and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: "0",
        DATA_DIR: tempDir(),
        LOG_LEVEL: "info",
        OPENAI_API_KEY: "",
        OPENAI_BASE_URL: "",
        REDIS_URL: "",
      },
    });
    let out = "";
    const url = await new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no start-up line:\n${out}`)), 30_000);
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const m = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"motcua is listening"/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          res(m[1]);
        }
      });
    });
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok" });
    const search = (await (
      await fetch(`${url}/api/search?q=${encodeURIComponent("doi bang lai xe het han")}`)
    ).json()) as {
      candidates: Array<{ slug: string }>;
    };
    expect(search.candidates[0]?.slug).toBe("gplx-doi");
    const exit = new Promise<number | null>((res) => child.once("exit", (code) => res(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(out).not.toContain("doi bang lai"); // queries never reach the logs
  });
});
