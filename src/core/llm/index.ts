// Public face of the language-model guardrails (pure, no I/O): personal-data redaction before a
// text leaves the process, and the grounding check a model-worded answer must pass.
export { redactPersonalData, REDACTION_LABELS } from "./redact.js";
export { checkGrounded, MAX_ANSWER_CHARS, type GroundingCheck } from "./grounding.js";
