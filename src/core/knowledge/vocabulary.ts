// The accented vocabulary of the knowledge base (names, aliases, situations and paper names), used
// to compile the lexicon so unaccented folds like "so do" keep their topic ("sổ đỏ").
import { compileLexicon, type CompiledLexicon } from "../nlu/lexicon.js";
import { cleanPunctuation, toCanonical } from "../nlu/normalize.js";
import { syllables } from "../nlu/tokenize.js";
import type { KnowledgeBase } from "./schema.js";

/** Every distinct canonical syllable of the texts that name things (descriptions are prose: skipped). */
export function vocabularyOf(kb: Pick<KnowledgeBase, "procedures" | "documents">): Set<string> {
  const texts: string[] = [];
  for (const p of kb.procedures) texts.push(p.name, ...p.aliases, ...p.situations);
  for (const d of kb.documents.values()) texts.push(d.name, ...d.aliases);
  // One pass over one big string is much faster than thousands of small normalisations.
  return new Set(syllables(cleanPunctuation(toCanonical(texts.join("\n")))));
}

/** The lexicon of a knowledge base, compiled with its vocabulary (computed when not given). */
export function compileKbLexicon(
  kb: Pick<KnowledgeBase, "procedures" | "documents" | "lexicon">,
  vocabulary: Iterable<string> = vocabularyOf(kb),
): CompiledLexicon {
  return compileLexicon(kb.lexicon, vocabulary);
}
