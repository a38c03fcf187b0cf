// Reads knowledge/ (procedures/*.yaml, documents.yaml, lexicon.yaml), validates it with the core
// schemas and returns the knowledge base, or every problem found with its file and field.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { parseDocument } from "yaml";
import {
  checkLexicon,
  crossCheck,
  documentCatalogueSchema,
  intentsSchema,
  type IntentPhrases,
  lexiconSchema,
  problemsFromZod,
  procedureSchema,
  type DocumentType,
  type KbProblem,
  type KnowledgeBase,
  type Lexicon,
  type ProcedureFile,
} from "../core/knowledge/index.js";

/** Result of reading the knowledge folder: the KB when valid, always the list of problems. */
export interface LoadResult {
  readonly kb: KnowledgeBase | null;
  readonly problems: readonly KbProblem[];
}

interface RawFile {
  readonly path: string;
  readonly name: string;
  readonly text: string;
}

function readYaml(file: RawFile, problems: KbProblem[]): unknown {
  const doc = parseDocument(file.text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line ?? 0;
      problems.push({
        file: file.name,
        field: line ? `dòng/line ${line}` : "",
        vi: `lỗi cú pháp YAML (thụt lề, dấu hai chấm, dấu ngoặc kép?): ${e.message.split("\n")[0] ?? ""}`,
        en: `YAML syntax error: ${e.message.split("\n")[0] ?? ""}`,
      });
    }
    return undefined;
  }
  return doc.toJS() as unknown;
}

function readFolder(root: string, sub: string): RawFile[] {
  const dir = join(root, sub);
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      return { path, name: relative(join(root, ".."), path), text: readFileSync(path, "utf8") };
    });
}

function readOne(root: string, name: string): RawFile {
  const path = join(root, name);
  return { path, name: relative(join(root, ".."), path), text: readFileSync(path, "utf8") };
}

function hashFiles(files: readonly RawFile[]): string {
  const h = createHash("sha256");
  for (const f of files) h.update(f.name).update("\0").update(f.text).update("\0");
  return h.digest("hex").slice(0, 16);
}

function parseProcedures(files: readonly RawFile[], problems: KbProblem[]): ProcedureFile[] {
  const out: ProcedureFile[] = [];
  for (const f of files) {
    const raw = readYaml(f, problems);
    if (raw === undefined) continue;
    const parsed = procedureSchema.safeParse(raw);
    if (parsed.success) out.push({ file: f.name, procedure: parsed.data });
    else problems.push(...problemsFromZod(f.name, parsed.error));
  }
  return out;
}

function parseCatalogue(file: RawFile, problems: KbProblem[]): DocumentType[] {
  const raw = readYaml(file, problems);
  if (raw === undefined) return [];
  const parsed = documentCatalogueSchema.safeParse(raw);
  if (parsed.success) return parsed.data.documents;
  problems.push(...problemsFromZod(file.name, parsed.error));
  return [];
}

function parseLexicon(file: RawFile, problems: KbProblem[]): Lexicon | null {
  const raw = readYaml(file, problems);
  if (raw === undefined) return null;
  const parsed = lexiconSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  problems.push(...problemsFromZod(file.name, parsed.error));
  return null;
}

function parseIntents(file: RawFile, problems: KbProblem[]): IntentPhrases | null {
  const raw = readYaml(file, problems);
  if (raw === undefined) return null;
  const parsed = intentsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  problems.push(...problemsFromZod(file.name, parsed.error));
  return null;
}

/** Authoring options: extra catalogue files (drafts) and a subset of procedure slugs to check. */
export interface LoadOptions {
  readonly extraDocumentFiles?: readonly string[];
  readonly onlySlugs?: readonly string[];
}

/** Reads and validates the knowledge folder. `today` (YYYY-MM-DD) bounds the "checked" dates. */
export function loadKnowledge(root: string, today: string, options: LoadOptions = {}): LoadResult {
  const problems: KbProblem[] = [];
  const only = options.onlySlugs;
  const procedureFiles = readFolder(root, "procedures").filter(
    (f) => !only || only.some((slug) => f.path.endsWith(`/${slug}.yaml`)),
  );
  const catalogueFile = readOne(root, "documents.yaml");
  const lexiconFile = readOne(root, "lexicon.yaml");
  const intentsFile = readOne(root, "intents.yaml");
  const procedures = parseProcedures(procedureFiles, problems);
  const documents = [catalogueFile, ...(options.extraDocumentFiles ?? []).map((p) => readOne(dirname(p), basename(p)))]
    .flatMap((f) => parseCatalogue(f, problems));
  const lexicon = parseLexicon(lexiconFile, problems);
  problems.push(...crossCheck(procedures, documents, catalogueFile.name, today));
  if (lexicon) problems.push(...checkLexicon(lexicon, lexiconFile.name));
  const intents = parseIntents(intentsFile, problems);
  if (problems.length > 0 || !lexicon || !intents) return { kb: null, problems };
  const kb: KnowledgeBase = {
    procedures: procedures.map((p) => p.procedure),
    documents: new Map(documents.map((d) => [d.id, d])),
    lexicon,
    intents,
    hash: hashFiles([...procedureFiles, catalogueFile, lexiconFile, intentsFile]),
  };
  return { kb, problems };
}
