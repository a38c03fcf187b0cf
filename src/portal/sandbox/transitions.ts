// Which national status codes (1–10) a dossier may move to from its current one; terminal
// statuses (3, 7, 8, 10) allow nothing. Anything else is answered 409.
import type { StatusCode } from "../contract.js";

const PROCESSING: readonly StatusCode[] = [4, 5, 6, 8, 9];

/** Allowed targets per current status; 7 (citizen withdraws) is allowed from every open status. */
export const TRANSITIONS: Readonly<Record<StatusCode, readonly StatusCode[]>> = {
  1: [2, 3, 7],
  2: [...PROCESSING, 7],
  3: [],
  4: [...PROCESSING, 7],
  5: [...PROCESSING, 7],
  6: [...PROCESSING, 7],
  7: [],
  8: [],
  9: [10, 7],
  10: [],
};

export function canMove(from: StatusCode, to: StatusCode): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isTerminal(status: StatusCode): boolean {
  return TRANSITIONS[status].length === 0;
}
