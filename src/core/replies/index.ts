// Public face of reply rendering: templates, bubble splitting, plan rendering, and the plain-text
// requirements view used by `npm run ask`. Pure functions; channels decide how replies are shown.
export * from "./labels.js";
export * from "./plain.js";
export * from "./templates.js";
export * from "./split.js";
export * from "./render.js";
