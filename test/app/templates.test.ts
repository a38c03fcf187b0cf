// Reply templates: both language files load, every key the core names (literal or built from a
// knowledge enum) exists in Vietnamese and English, and every template fills without error.
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTemplates, TemplateError } from "../../src/app/templates.js";
import { copyKindSchema, fieldTypeSchema, onlineLevelSchema } from "../../src/core/knowledge/index.js";
import { fill } from "../../src/core/replies/index.js";
import { STATUS_LABELS } from "../../src/portal/contract.js";

const CORE = resolve(import.meta.dirname, "../../src/core");
const PROMPTS = resolve(import.meta.dirname, "../../prompts");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? sources(path)
      : path.endsWith(".ts")
        ? [readFileSync(path, "utf8")]
        : [];
  });
}

/** Keys written literally in the core: say("key"…), option("id", "key"), { key: "key" }. */
function literalKeys(): string[] {
  const text = sources(CORE).join("\n");
  const keys = [
    ...[...text.matchAll(/\bsay\(\s*"([\w.-]+)"/g)].map((m) => m[1]),
    ...[...text.matchAll(/\boption\(\s*"[^"]+",\s*"([\w.-]+)"/g)].map((m) => m[1]),
    ...[...text.matchAll(/\bkey:\s*"([\w.-]+)"/g)].map((m) => m[1]),
    ...[...text.matchAll(/\b(?:fill|t)\(\s*[\w.?]+,\s*(?:[\w.]+,\s*)?"([\w.-]+)"/g)].map((m) => m[1]),
  ];
  return [...new Set(keys.filter((k): k is string => Boolean(k)))].sort();
}

/** Keys the core builds from knowledge enums (copy kind, online level, field type, pending topic). */
function builtKeys(): string[] {
  return [
    ...copyKindSchema.options.map((k) => `copy.${k}`),
    ...onlineLevelSchema.options.map((k) => `online.${k}`),
    ...fieldTypeSchema.options.map((k) => `form.hint.${k}`),
    ...Object.keys(STATUS_LABELS).map((code) => `status.meaning.${code}`),
    "ask-topic.checklist",
    "ask-topic.form",
  ];
}

describe("reply templates", () => {
  const set = loadTemplates();

  it("finds the keys the core uses (the scan itself works)", () => {
    expect(literalKeys().length).toBeGreaterThan(60);
    expect(literalKeys()).toContain("greeting");
  });

  it.each(["vi", "en"] as const)("has every key the core names in %s", (lang) => {
    const missing = [...literalKeys(), ...builtKeys()].filter((k) => set[lang][k] === undefined);
    expect(missing).toEqual([]);
  });

  it("has the same keys in both languages", () => {
    expect(Object.keys(set.en).sort()).toEqual(Object.keys(set.vi).sort());
  });

  it.each(["vi", "en"] as const)("fills every %s template given its parameters", (lang) => {
    for (const [key, text] of Object.entries(set[lang])) {
      const params = Object.fromEntries([...text.matchAll(/\{([\w.-]+)\}/g)].map((m) => [m[1] ?? "", "X"]));
      const out = fill(set, lang, key, params);
      expect(out, key).not.toMatch(/\{[\w.-]+\}/);
      expect(out.trim().length, key).toBeGreaterThan(0);
    }
  });

  it("writes Vietnamese with diacritics (no unaccented template)", () => {
    const plain = Object.entries(set.vi).filter(
      ([, text]) => text.replace(/\{[\w.-]+\}/g, "").split(/\s+/).length > 4 && !/[à-ỹđ]/i.test(text),
    );
    expect(plain.map(([k]) => k)).toEqual([]);
  });

  it("names the file and the key when an English template has other placeholders", () => {
    const dir = mkdtempSync(join(tmpdir(), "motcua-templates-"));
    writeFileSync(join(dir, "replies.vi.yaml"), readFileSync(join(PROMPTS, "replies.vi.yaml")));
    writeFileSync(join(dir, "replies.en.yaml"), 'procedure.title: "Procedure {nam}"\n');
    expect(() => loadTemplates(dir)).toThrow(TemplateError);
    expect(() => loadTemplates(dir)).toThrow(/replies\.en\.yaml.*procedure\.title/);
  });

  it("names the file when a key is unknown in Vietnamese", () => {
    const dir = mkdtempSync(join(tmpdir(), "motcua-templates-"));
    writeFileSync(join(dir, "replies.vi.yaml"), 'greeting: "Xin chào"\n');
    writeFileSync(join(dir, "replies.en.yaml"), 'greting: "Hello"\n');
    expect(() => loadTemplates(dir)).toThrow(/replies\.en\.yaml.*greting/);
  });
});
