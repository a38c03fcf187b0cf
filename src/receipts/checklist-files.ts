// Printable checklists behind signed, expiring links: /files/checklists/<slug>.<pdf|png>?e=…&t=…,
// signed like receipt links but under their own path and purpose (a receipt link never opens one),
// rendered once per procedure and format (the knowledge base does not change while running).
import type { KnowledgeBase, Procedure } from "../core/knowledge/index.js";
import type { ChecklistFiles } from "../core/ports.js";
import { checklistFromProcedure } from "./checklist-model.js";
import { renderChecklistPdf } from "./checklist-pdf.js";
import { renderChecklistPng } from "./checklist-png.js";
import { createReceiptLinks, type ReceiptFile, type ReceiptFormat } from "./links.js";

export const CHECKLIST_PATH = "/files/checklists";
export const CHECKLIST_FORMATS = {
  pdf: { mime: "application/pdf", name: "Danh sách giấy tờ (PDF)" },
  png: { mime: "image/png", name: "Danh sách giấy tờ (ảnh PNG)" },
} as const;

export interface ChecklistFilesOptions {
  readonly kb: KnowledgeBase;
  /** FILES_SECRET (≥ 32 characters). */
  readonly secret: string;
  readonly ttlSeconds: number;
  readonly now?: () => number;
}

/** The links the chat hands out, and what the files route needs to serve them. */
export interface ChecklistService extends ChecklistFiles {
  files(slug: string): ReceiptFile[];
  /** Whether `e`/`t` are a valid, unexpired signature for the procedure's checklist. */
  verify(slug: string, e: string | undefined, t: string | undefined): boolean;
  /** The rendered file, or null for an unknown procedure. */
  render(slug: string, format: ReceiptFormat): Promise<Buffer | null>;
}

export function createChecklistService(options: ChecklistFilesOptions): ChecklistService {
  const links = createReceiptLinks({
    secret: options.secret,
    ttlSeconds: options.ttlSeconds,
    ...(options.now ? { now: options.now } : {}),
    path: CHECKLIST_PATH,
    purpose: "checklist",
    formats: CHECKLIST_FORMATS,
  });
  const procedures = new Map<string, Procedure>(options.kb.procedures.map((p) => [p.slug, p]));
  const names = new Map([...options.kb.documents.values()].map((d) => [d.id, d.name]));
  const rendered = new Map<string, Promise<Buffer>>();

  return {
    files: links.files,
    verify: links.verify,
    render(slug, format) {
      const p = procedures.get(slug);
      if (!p) return Promise.resolve(null);
      const key = `${slug}.${format}`;
      let file = rendered.get(key);
      if (!file) {
        const model = checklistFromProcedure(p, names);
        file = format === "pdf" ? renderChecklistPdf(model) : renderChecklistPng(model);
        // A failed rendering is not kept: the next request tries again.
        file.catch(() => rendered.delete(key));
        rendered.set(key, file);
      }
      return file;
    },
  };
}
