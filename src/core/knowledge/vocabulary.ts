// The accented vocabulary of the knowledge base (names, aliases, situations, descriptions and paper
// names), used to compile the lexicon so unaccented folds like "so do" keep their topic ("sổ đỏ").
import { compileLexicon, type CompiledLexicon } from "../nlu/lexicon.js";
import { cleanPunctuation, toCanonical } from "../nlu/normalize.js";
import { syllables } from "../nlu/tokenize.js";
import type { KnowledgeBase } from "./schema.js";

/** Every distinct canonical syllable of the knowledge texts. */
export function vocabularyOf(kb: Pick<KnowledgeBase, "procedures" | "documents">): Set<string> {
  const words = new Set<string>();
  const add = (text: string): void => {
    for (const w of syllables(cleanPunctuation(toCanonical(text)))) words.add(w);
  };
  for (const p of kb.procedures) {
    for (const t of [p.name, ...p.aliases, ...p.situations, p.description]) add(t);
  }
  for (const d of kb.documents.values()) for (const t of [d.name, ...d.aliases]) add(t);
  return words;
}

/** The lexicon of a knowledge base, compiled with its vocabulary. */
export function compileKbLexicon(kb: Pick<KnowledgeBase, "procedures" | "documents" | "lexicon">): CompiledLexicon {
  return compileLexicon(kb.lexicon, vocabularyOf(kb));
}
