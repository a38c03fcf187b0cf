// Zod schemas for the knowledge base: procedures, the document-type catalogue and the text lexicon.
// The files under knowledge/ are validated against these; every other module trusts the parsed types.
import { z } from "zod";
import type { IntentPhrases } from "./intents.js";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "date-format" })
  .refine((s) => !Number.isNaN(Date.parse(s)), { error: "date-invalid" });

const nonEmpty = z.string().trim().min(1, { error: "empty" });

/** A slug or id: lower-case ASCII words joined by hyphens ("khai-sinh", "giay-chung-sinh"). */
export const idSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "id-format" });

/** Where a fact came from and when it was read. */
export const sourceSchema = z.strictObject({
  url: z.url({ error: "url" }).nullable(),
  title: nonEmpty,
  date: z.string().nullable().optional(),
  kind: z.string().optional(),
});
export type Source = z.infer<typeof sourceSchema>;

/** How a paper is handed in: kept original, certified copy, plain copy, or shown and given back. */
export const copyKindSchema = z.enum([
  "original",
  "certified_copy",
  "copy",
  "original_or_certified_copy",
  "show_original",
  "electronic",
]);
export type CopyKind = z.infer<typeof copyKindSchema>;

/** One paper in the dossier (thành phần hồ sơ). */
export const dossierItemSchema = z.strictObject({
  doc: idSchema,
  copy: copyKindSchema,
  quantity: z.int().min(1).max(20).nullable(),
  /** Null when always required; otherwise when it applies, in plain Vietnamese. */
  condition: nonEmpty.nullable(),
  /** The one question that settles the condition ("Bé sinh ở cơ sở y tế hay ở nhà?"). */
  ask: nonEmpty.optional(),
  /** Items sharing a group are alternatives: any one of them satisfies the group. */
  group: idSchema.optional(),
  /**
   * On a group: true when the whole group is needed only in the situations its items' conditions
   * describe (e.g. proof of kinship only when a relative applies for you); otherwise one of the
   * alternatives is always needed.
   */
  group_optional: z.boolean().optional(),
  /** True when the office can read it from VNeID / the national population database instead. */
  state_data: z.boolean(),
  note: nonEmpty.optional(),
});
export type DossierItem = z.infer<typeof dossierItemSchema>;

export const agencyLevelSchema = z.enum(["commune", "province", "central", "other"]);
export type AgencyLevel = z.infer<typeof agencyLevelSchema>;

export const onlineLevelSchema = z.enum(["full", "partial", "none", "unknown"]);
export type OnlineLevel = z.infer<typeof onlineLevelSchema>;

export const fieldTypeSchema = z.enum([
  "text",
  "person_name",
  "date",
  "cccd",
  "phone",
  "email",
  "choice",
  "number",
  "address",
  "year",
]);
export type FieldType = z.infer<typeof fieldTypeSchema>;

const regexSource = z.string().refine(
  (s) => {
    try {
      new RegExp(s, "u");
      return true;
    } catch {
      return false;
    }
  },
  { error: "regex" },
);

/** A validation rule on a form field; unset keys impose nothing. */
export const fieldRuleSchema = z.strictObject({
  past: z.boolean().optional(),
  future: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  min_length: z.int().min(0).optional(),
  max_length: z.int().min(1).optional(),
  pattern: regexSource.optional(),
  pattern_hint: nonEmpty.optional(),
});

export const formFieldSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, { error: "field-name" }),
    label: nonEmpty,
    type: fieldTypeSchema,
    required: z.boolean(),
    options: z.array(nonEmpty).min(2).optional(),
    rule: fieldRuleSchema.optional(),
    help: nonEmpty.optional(),
  })
  .refine((f) => f.type !== "choice" || (f.options?.length ?? 0) >= 2, {
    error: "choice-options",
    path: ["options"],
  });
export type FormField = z.infer<typeof formFieldSchema>;

export const procedureSchema = z.strictObject({
  slug: idSchema,
  code: z
    .string()
    .regex(/^\d\.\d{6}(?:\.[0-9A-Za-z.]+)?$/, { error: "tthc-code" })
    .nullable(),
  code_note: nonEmpty.optional(),
  name: nonEmpty,
  name_en: nonEmpty,
  aliases: z.array(nonEmpty).min(3, { error: "aliases-min" }),
  aliases_en: z.array(nonEmpty).min(1, { error: "aliases-min" }),
  situations: z.array(nonEmpty).default([]),
  description: nonEmpty,
  agency: z.strictObject({
    level: agencyLevelSchema,
    name: nonEmpty,
    before_reform: nonEmpty.optional(),
    since: isoDate.optional(),
    note: nonEmpty.optional(),
  }),
  documents: z.array(dossierItemSchema).min(1),
  documents_note: nonEmpty.optional(),
  no_longer_required: z
    .array(z.strictObject({ doc: idSchema, since: isoDate.optional(), note: nonEmpty }))
    .default([]),
  fee: z.strictObject({
    summary: nonEmpty.nullable(),
    amount_vnd: z.int().min(0).nullable(),
    exemptions: nonEmpty.nullable(),
    note: nonEmpty.optional(),
  }),
  processing_time: z.strictObject({
    summary: nonEmpty.nullable(),
    working_days: z.number().min(0).nullable(),
    note: nonEmpty.optional(),
  }),
  submit: z.strictObject({
    where: nonEmpty,
    online: onlineLevelSchema,
    portal_url: z.url({ error: "url" }).nullable(),
    how: nonEmpty.optional(),
  }),
  legal_basis: z.array(nonEmpty).min(1),
  form: z
    .strictObject({
      name: nonEmpty,
      template: nonEmpty.nullable(),
      note: nonEmpty.optional(),
      fields: z.array(formFieldSchema).min(1),
    })
    .nullable(),
  sources: z.array(sourceSchema).min(1, { error: "sources-min" }),
  checked: isoDate,
  notes: z.array(nonEmpty).default([]),
});
export type Procedure = z.infer<typeof procedureSchema>;

export const documentTypeSchema = z.strictObject({
  id: idSchema,
  name: nonEmpty,
  full_name: nonEmpty.optional(),
  aliases: z.array(nonEmpty).default([]),
  abolished: z.strictObject({ since: isoDate.nullable(), note: nonEmpty }).optional(),
  notes: nonEmpty.optional(),
});
export type DocumentType = z.infer<typeof documentTypeSchema>;

export const documentCatalogueSchema = z.strictObject({
  documents: z.array(documentTypeSchema).min(1),
});

/** Abbreviations and colloquial phrases mapped to canonical words, plus words that carry no topic. */
export const lexiconSchema = z.strictObject({
  abbreviations: z.record(z.string().min(1), nonEmpty),
  phrases: z.record(z.string().min(1), nonEmpty).default({}),
  stopwords: z.array(z.string().min(1)).default([]),
  generic: z.array(z.string().min(1)).default([]),
  injection: z.array(z.string().min(1)).default([]),
});
export type Lexicon = z.infer<typeof lexiconSchema>;

/** The whole knowledge base after loading and cross-checking. */
export interface KnowledgeBase {
  readonly procedures: readonly Procedure[];
  readonly documents: ReadonlyMap<string, DocumentType>;
  readonly lexicon: Lexicon;
  readonly intents: IntentPhrases;
  /** Content hash of every knowledge file; the search index is rebuilt when it changes. */
  readonly hash: string;
}
