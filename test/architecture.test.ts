// Dependency rules from the architecture, checked on the real source tree: the core imports only
// the core (and zod), src never imports scripts/ or test/, and channel adapters never import each other.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../src");
const PURE_PACKAGES = new Set(["zod"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1] ?? "");
}

const all = files(SRC);

describe("architecture", () => {
  it("keeps src/core pure: only core-relative imports and zod", () => {
    const offenders = all
      .filter((f) => relative(SRC, f).startsWith("core/"))
      .flatMap((f) =>
        imports(f)
          .filter((spec) =>
            spec.startsWith(".")
              ? !resolve(dirname(f), spec).startsWith(join(SRC, "core"))
              : !PURE_PACKAGES.has(spec),
          )
          .map((spec) => `${relative(SRC, f)} → ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it("never reads process.env outside src/config", () => {
    const offenders = all.filter(
      (f) => !relative(SRC, f).startsWith("config/") && /process\.env/.test(readFileSync(f, "utf8")),
    );
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });

  it("never imports scripts/ or test/ from src/", () => {
    const offenders = all.flatMap((f) =>
      imports(f)
        .filter((spec) => spec.startsWith(".") && !resolve(dirname(f), spec).startsWith(SRC))
        .map((spec) => `${relative(SRC, f)} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps channel adapters independent of each other", () => {
    const channel = (path: string): string | undefined => /channels\/([^/]+)\//.exec(path)?.[1];
    const offenders = all
      .filter((f) => channel(relative(SRC, f)))
      .flatMap((f) =>
        imports(f)
          .filter((spec) => spec.startsWith("."))
          .filter((spec) => {
            const target = channel(relative(SRC, resolve(dirname(f), spec)));
            // channels/common is the shared push-channel machinery every channel builds on.
            return target !== undefined && target !== "common" && target !== channel(relative(SRC, f));
          })
          .map((spec) => `${relative(SRC, f)} → ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it("gives every source file a header comment saying what it is for", () => {
    const missing = all.filter((f) => !readFileSync(f, "utf8").startsWith("//")).map((f) => relative(SRC, f));
    expect(missing).toEqual([]);
  });
});
