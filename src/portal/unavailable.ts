// The ports used when no portal is connected: lookups answer "unavailable" and submissions
// "not-connected", so the assistant says plainly where to check or submit instead of guessing.
import type { DossierPort, StatusPort } from "../core/ports.js";

/** Without a portal, confirmed forms stay stored and the citizen is told to submit them in person. */
export function notConnectedDossierPort(): DossierPort {
  return { submit: () => Promise.resolve({ kind: "not-connected" }) };
}

export function unavailableStatusPort(): StatusPort {
  return {
    lookup: () => Promise.resolve({ kind: "unavailable" }),
    listFor: () => Promise.resolve([]),
  };
}
