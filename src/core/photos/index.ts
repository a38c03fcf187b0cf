// Public face of the core's photo handling: the photo turn (check, advise, attach on request),
// the advice lines and the recognition of attach requests.
export { photoTurn, MAX_ATTACHMENTS, type PhotoDeps, type PhotoTurn } from "./turn.js";
export { adviceLines, isGood, limitsLine } from "./advice.js";
export { asksToAttach, isAttachCommand } from "./requests.js";
