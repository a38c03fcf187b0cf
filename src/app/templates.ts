// Loads the reply templates (prompts/replies.vi.yaml and replies.en.yaml): plain YAML maps a
// non-programmer can edit. Errors name the file and the key; English keys must exist in Vietnamese.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import type { TemplateSet } from "../core/replies/index.js";

const templatesSchema = z.record(z.string().min(1), z.string().min(1));

/** A template file is missing, malformed or inconsistent; the message names file and key. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{([\w.-]+)\}/g)].map((m) => m[1] ?? "").sort();
}

function readFile(dir: string, name: string): Record<string, string> {
  const file = join(dir, name);
  let data: unknown;
  try {
    data = parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new TemplateError(`${file}: không đọc được / cannot read (${(err as Error).message})`);
  }
  const parsed = templatesSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TemplateError(
      `${file}: mục "${issue?.path.join(".") ?? ""}" — ${issue?.message ?? "không hợp lệ"}`,
    );
  }
  return parsed.data;
}

/** Reads both languages from `dir` (default: the repository's prompts/). */
export function loadTemplates(dir = new URL("../../prompts", import.meta.url).pathname): TemplateSet {
  const vi = readFile(dir, "replies.vi.yaml");
  const en = readFile(dir, "replies.en.yaml");
  for (const [key, text] of Object.entries(en)) {
    const base = vi[key];
    if (base === undefined)
      throw new TemplateError(`${join(dir, "replies.en.yaml")}: mục "${key}" không có trong replies.vi.yaml`);
    if (placeholders(base).join() !== placeholders(text).join())
      throw new TemplateError(
        `${join(dir, "replies.en.yaml")}: mục "${key}" có chỗ điền {…} khác bản tiếng Việt (${placeholders(base).join(", ")})`,
      );
  }
  return { vi, en };
}
