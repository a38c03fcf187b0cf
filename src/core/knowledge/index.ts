// Public face of the knowledge model: schemas, types, bilingual problems and cross-file checks.
// Pure: reading the files is done by src/knowledge (an adapter), which calls into this.
export * from "./schema.js";
export * from "./errors.js";
export * from "./cross-check.js";
export * from "./lexicon-check.js";
export * from "./vocabulary.js";
export * from "./intents.js";
