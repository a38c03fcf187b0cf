// Checks that span files: unknown document ids, duplicate slugs, an alias claimed by two
// procedures, alternative groups of one item, either/or questions on a single paper (answered yes/no),
// and facts checked "in the future".
import type { DocumentType, Procedure } from "./schema.js";
import type { KbProblem } from "./errors.js";
import { foldKey } from "../nlu/normalize.js";

/** A parsed procedure together with the file it came from. */
export interface ProcedureFile {
  readonly file: string;
  readonly procedure: Procedure;
}

function checkDocuments(pf: ProcedureFile, docs: ReadonlyMap<string, DocumentType>): KbProblem[] {
  const out: KbProblem[] = [];
  const groups = new Map<string, number>();
  pf.procedure.documents.forEach((item, i) => {
    if (!docs.has(item.doc)) {
      out.push({
        file: pf.file,
        field: `documents[${i}].doc`,
        vi: `mã giấy tờ "${item.doc}" không có trong danh mục knowledge/documents.yaml`,
        en: `unknown document id "${item.doc}" (not in knowledge/documents.yaml)`,
      });
    }
    if (item.group) groups.set(item.group, (groups.get(item.group) ?? 0) + 1);
    // A single paper's question is answered "có / không", and "có" must mean "this paper is needed".
    if (item.ask && !item.group && /\s(hay|hoặc là)\s[^?]*\?\s*$/i.test(item.ask)) {
      out.push({
        file: pf.file,
        field: `documents[${i}].ask`,
        vi: `câu hỏi "${item.ask}" là câu hỏi lựa chọn (… hay …); với một giấy tờ, hãy hỏi câu có/không mà “có” nghĩa là cần giấy này (câu lựa chọn chỉ dùng cho nhóm "group")`,
        en: `question "${item.ask}" is an either/or question; a single paper needs a yes/no question where "yes" means the paper is needed (either/or is for groups)`,
      });
    }
  });
  for (const [group, count] of groups) {
    if (count < 2) {
      out.push({
        file: pf.file,
        field: "documents",
        vi: `nhóm thay thế "${group}" chỉ có một giấy tờ; nhóm cần ít nhất hai`,
        en: `alternative group "${group}" has only one item; a group needs at least two`,
      });
    }
  }
  pf.procedure.no_longer_required.forEach((n, i) => {
    if (!docs.has(n.doc)) {
      out.push({
        file: pf.file,
        field: `no_longer_required[${i}].doc`,
        vi: `mã giấy tờ "${n.doc}" không có trong danh mục`,
        en: `unknown document id "${n.doc}"`,
      });
    }
  });
  return out;
}

function checkDates(pf: ProcedureFile, today: string): KbProblem[] {
  if (pf.procedure.checked <= today) return [];
  return [
    {
      file: pf.file,
      field: "checked",
      vi: `ngày kiểm tra ${pf.procedure.checked} nằm trong tương lai`,
      en: `checked date ${pf.procedure.checked} is in the future`,
    },
  ];
}

function checkSlugMatchesFile(pf: ProcedureFile): KbProblem[] {
  const base = pf.file.split("/").pop()?.replace(/\.ya?ml$/, "");
  if (base === pf.procedure.slug) return [];
  return [
    {
      file: pf.file,
      field: "slug",
      vi: `slug "${pf.procedure.slug}" phải trùng tên tệp "${base ?? ""}"`,
      en: `slug "${pf.procedure.slug}" must match the file name "${base ?? ""}"`,
    },
  ];
}

function checkUniqueness(files: readonly ProcedureFile[]): KbProblem[] {
  const out: KbProblem[] = [];
  const slugs = new Map<string, string>();
  const aliases = new Map<string, { file: string; slug: string }>();
  for (const pf of files) {
    const { slug } = pf.procedure;
    const seen = slugs.get(slug);
    if (seen) {
      out.push({ file: pf.file, field: "slug", vi: `slug "${slug}" trùng với ${seen}`, en: `duplicate slug "${slug}" (also in ${seen})` });
    } else slugs.set(slug, pf.file);
    const names = [pf.procedure.name, ...pf.procedure.aliases, ...pf.procedure.aliases_en];
    names.forEach((alias, i) => {
      const key = foldKey(alias);
      const owner = aliases.get(key);
      if (owner && owner.slug !== slug) {
        out.push({
          file: pf.file,
          field: i === 0 ? "name" : "aliases",
          vi: `tên gọi "${alias}" đã dùng cho thủ tục ${owner.slug} (${owner.file}); mỗi tên gọi chỉ thuộc một thủ tục`,
          en: `alias "${alias}" is already used by ${owner.slug} (${owner.file})`,
        });
      } else if (!owner) aliases.set(key, { file: pf.file, slug });
    });
  }
  return out;
}

function checkCatalogue(docs: readonly DocumentType[], file: string): KbProblem[] {
  const out: KbProblem[] = [];
  const ids = new Set<string>();
  const names = new Map<string, string>();
  docs.forEach((d, i) => {
    if (ids.has(d.id)) out.push({ file, field: `documents[${i}].id`, vi: `mã "${d.id}" bị trùng`, en: `duplicate id "${d.id}"` });
    ids.add(d.id);
    for (const n of [d.name, ...d.aliases]) {
      const key = foldKey(n);
      const owner = names.get(key);
      if (owner && owner !== d.id) {
        out.push({
          file,
          field: `documents[${i}].aliases`,
          vi: `tên "${n}" đã dùng cho giấy tờ ${owner}`,
          en: `name "${n}" is already used by document ${owner}`,
        });
      } else names.set(key, d.id);
    }
  });
  return out;
}

/** Runs every cross-file check; `today` is YYYY-MM-DD. An empty list means the KB is consistent. */
export function crossCheck(
  files: readonly ProcedureFile[],
  documents: readonly DocumentType[],
  catalogueFile: string,
  today: string,
): KbProblem[] {
  const byId = new Map(documents.map((d) => [d.id, d]));
  return [
    ...checkCatalogue(documents, catalogueFile),
    ...checkUniqueness(files),
    ...files.flatMap((pf) => [...checkSlugMatchesFile(pf), ...checkDocuments(pf, byId), ...checkDates(pf, today)]),
  ];
}
