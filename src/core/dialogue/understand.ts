// Rule-based understanding of one message: intents, option picks, numbers, papers mentioned,
// dossier codes, language, prompt injection. Pure; retrieval and lookups are added by the assistant.
import { compileKbLexicon, INTENT_NAMES, type IntentName, type KnowledgeBase } from "../knowledge/index.js";
import {
  analyze,
  compilePhrases,
  createInjectionDetector,
  createPaperFinder,
  detectLanguage,
  findDossierCodes,
  foldKey,
  parseNumberList,
  parsePick,
  type CompiledLexicon,
  type InjectionDetector,
  type PaperFinder,
  type PhraseMatcher,
} from "../nlu/index.js";
import type { ConversationState } from "./state.js";
import type { Understanding } from "./types.js";

/** Compiled language resources of one knowledge base (build once, share across turns). */
export interface Nlu {
  readonly lexicon: CompiledLexicon;
  readonly intents: PhraseMatcher<IntentName>;
  readonly papers: PaperFinder;
  readonly injection: InjectionDetector;
  /** Procedure names and aliases competing with paper names, papers first on ties ("giấy khai sinh" is a paper). */
  readonly names: PhraseMatcher<string>;
}

export function createNlu(kb: KnowledgeBase, lexicon: CompiledLexicon = compileKbLexicon(kb)): Nlu {
  const pairs = INTENT_NAMES.flatMap((name) => kb.intents[name].map((phrase) => [name, phrase] as const));
  return {
    lexicon,
    intents: compilePhrases(pairs, lexicon),
    papers: createPaperFinder(kb.documents, lexicon),
    injection: createInjectionDetector(kb.lexicon.injection),
    names: compilePhrases(
      [
        ...[...kb.documents.values()].flatMap((d) =>
          [d.name, ...d.aliases].map((n) => [`doc:${d.id}`, n] as const),
        ),
        ...kb.procedures.flatMap((p) =>
          [p.name, p.name_en, ...p.aliases, ...p.aliases_en].map((n) => [`proc:${p.slug}`, n] as const),
        ),
      ],
      lexicon,
    ),
  };
}

/** Pending states where a number or short text is an answer, not a menu pick. */
const VALUE_PENDING = new Set(["checklist-tick", "form-field", "form-pick-field"]);

/** The option the text picks: a bare number, or the option's own words. */
function optionFromText(state: ConversationState, text: string): string | null {
  const options = state.options;
  if (options.length === 0) return null;
  const pick = VALUE_PENDING.has(state.pending?.kind ?? "") ? null : parsePick(text);
  if (pick !== null) return options[pick - 1]?.id ?? null;
  const key = foldKey(text);
  if (key.length < 2) return null;
  const exact = options.find((o) => foldKey(o.label) === key);
  return exact?.id ?? null;
}

/** Understands a message in the context of the conversation state (no I/O). */
export function understand(
  nlu: Nlu,
  state: ConversationState,
  text: string,
  optionId?: string,
): Understanding {
  const clean = text.normalize("NFC").trim();
  const analyzed = analyze(clean, nlu.lexicon);
  const matches = nlu.intents.find(analyzed);
  const intents = new Set(matches.map((m) => m.key));
  if (intents.has("yes") && intents.has("no")) {
    // "chưa từng có", "không có": the first word decides (Vietnamese negation comes first).
    const first = matches.find((m) => m.key === "yes" || m.key === "no");
    intents.delete(first?.key === "yes" ? "no" : "yes");
  }
  const validOption = optionId && state.options.some((o) => o.id === optionId) ? optionId : null;
  return {
    text: clean,
    analyzed,
    intents,
    lang: detectLanguage(clean),
    optionId: validOption ?? optionFromText(state, clean),
    numbers: parseNumberList(clean),
    documents: nlu.papers.find(clean),
    dossierCodes: findDossierCodes(clean),
    procedures: [
      ...new Set(
        nlu.names
          .find(analyzed)
          .filter((m) => m.key.startsWith("proc:"))
          .map((m) => m.key.slice(5)),
      ),
    ],
    injection: nlu.injection.detect(clean) !== null,
    retrieval: null,
    status: null,
    myDossiers: null,
  };
}

/**
 * Whether the assistant should run retrieval for this message. A message without a single content
 * word ("xin chào", "đồng ý", "mất mấy ngày") cannot name a procedure (the retriever would answer
 * "none"), so it is not searched.
 */
export function needsRetrieval(state: ConversationState, u: Understanding): boolean {
  if (state.handoff || u.injection || u.optionId || u.text.length === 0) return false;
  if (u.analyzed.content.length === 0) return false;
  const kind = state.pending?.kind;
  return (
    kind !== "form-field" &&
    kind !== "form-pick-field" &&
    kind !== "erase-confirm" &&
    kind !== "form-consent" &&
    kind !== "status-owner-id"
  );
}
