// Public face of the Vietnamese text-understanding toolkit (pure functions, no I/O).
// Normalisation, lexicon expansion and tokenisation used by retrieval and the dialogue.
export * from "./normalize.js";
export * from "./tokenize.js";
export * from "./lexicon.js";
export * from "./analyze.js";
export * from "./injection.js";
export * from "./phrases.js";
export * from "./dossier-code.js";
export * from "./resume-code.js";
export * from "./language.js";
export * from "./numbers.js";
export * from "./documents.js";
