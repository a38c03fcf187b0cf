// The status port used until a portal is connected: every lookup answers "unavailable", so the
// assistant tells the citizen politely where to check instead of guessing a status.
import type { StatusPort } from "../core/ports.js";

export function unavailableStatusPort(): StatusPort {
  return {
    lookup: () => Promise.resolve({ kind: "unavailable" }),
    listFor: () => Promise.resolve([]),
  };
}
