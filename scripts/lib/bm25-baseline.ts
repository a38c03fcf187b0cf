// The baseline: plain BM25 from a well-kept library (MiniSearch) over the same knowledge text,
// with its default tokenizer and no Vietnamese-specific processing. "Not found" = no hit at all.
import MiniSearch from "minisearch";
import type { KnowledgeBase } from "../../src/core/knowledge/index.js";
import type { SystemAnswer } from "./retrieval-metrics.js";

interface BaselineDoc {
  id: string;
  name: string;
  aliases: string;
  situations: string;
  description: string;
  documents: string;
}

/** Indexes the KB with MiniSearch and returns a search function giving the top 3 slugs. */
export function createBaseline(kb: KnowledgeBase): (q: string) => SystemAnswer {
  const mini = new MiniSearch<BaselineDoc>({
    fields: ["name", "aliases", "situations", "description", "documents"],
    storeFields: [],
  });
  mini.addAll(
    kb.procedures.map((p) => ({
      id: p.slug,
      name: `${p.name} ${p.name_en}`,
      aliases: [...p.aliases, ...p.aliases_en].join(" "),
      situations: p.situations.join(" "),
      description: p.description,
      documents: p.documents.map((d) => kb.documents.get(d.doc)?.name ?? "").join(" "),
    })),
  );
  return (q: string) => {
    const hits = mini.search(q);
    return { rejected: hits.length === 0, slugs: hits.slice(0, 3).map((h) => String(h.id)) };
  };
}
