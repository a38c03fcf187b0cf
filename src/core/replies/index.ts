// Public face of reply rendering: turns knowledge into plain, accented Vietnamese text.
// Pure functions; channels decide how the text is shown.
export * from "./labels.js";
export * from "./requirements.js";
