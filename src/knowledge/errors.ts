// The error raised when the knowledge folder cannot be used; carries every named problem.
// Thrown by loadKnowledgeOrThrow so start-up fails loudly with the file and field to fix.
import { formatProblem, type KbProblem } from "../core/knowledge/index.js";

/** The knowledge files are invalid; `problems` lists each one with file and field. */
export class KnowledgeError extends Error {
  constructor(readonly problems: readonly KbProblem[]) {
    super(`Knowledge base invalid (${problems.length} problem(s)):\n${problems.map(formatProblem).join("\n")}`);
    this.name = "KnowledgeError";
  }
}
