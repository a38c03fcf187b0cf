// Public face of the dialogue: state schema, understanding, the pure step and reply plan types.
// The assistant (../assistant.ts) is the only caller that performs the effects.
export * from "./state.js";
export * from "./types.js";
export * from "./understand.js";
export * from "./validate.js";
export * from "./checklist.js";
export { step } from "./engine.js";
export { requirementsPlans, papersLines, procName } from "./flows/procedure.js";
export { submissionPlans } from "./flows/dossier.js";
export { ownerIdIn, statusChangePlans } from "./flows/status.js";
export { pickAlternative, scoreAlternatives } from "./group-answer.js";
export * from "./paper-items.js";
