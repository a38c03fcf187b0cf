// Approved answers in a citizen's turn: when the question means the same as one staff approved an
// answer for (rules in dialogue/approved-match.ts), that answer is served ahead of the generated one
// while it is valid. The store is read on each eligible turn, so every instance sees changes at once.
import {
  approvedQuestionKey,
  matchScore,
  procedureVocabulary,
  questionKey,
  type QuestionKey,
} from "./dialogue/approved-match.js";
import { approvedStep } from "./dialogue/flows/approved.js";
import { QUESTION_INTENTS, isQuestionTurn } from "./dialogue/question-turn.js";
import type { ConversationState, DialogueContext, Nlu, StepResult, Understanding } from "./dialogue/index.js";
import type { KnowledgeBase } from "./knowledge/index.js";
import type { ApprovedAnswer, ApprovedAnswerStore, Clock, EventLog } from "./ports.js";

export interface ApprovedAnswersDeps {
  readonly kb: KnowledgeBase;
  readonly nlu: Nlu;
  readonly store: Pick<ApprovedAnswerStore, "list">;
  readonly clock: Clock;
  readonly log: EventLog;
}

export interface ApprovedAnswers {
  /** The step serving a matching approved answer, or null (the ordinary dialogue step runs). */
  step(state: ConversationState, u: Understanding, ctx: DialogueContext): Promise<StepResult | null>;
}

/** Keys of stored questions kept in memory (recomputed when an answer's text changes). */
const CACHE_LIMIT = 2_000;

/**
 * The procedure a question is about: the retrieval's confident answer, the one procedure it names,
 * or — for a follow-up like "lệ phí bao nhiêu?" naming none — the conversation's current topic.
 */
function questionProcedure(state: ConversationState, u: Understanding): string | null {
  const r = u.retrieval;
  const top = r?.decision === "answer" ? r.candidates[0]?.slug : undefined;
  if (top) return top;
  if (u.procedures.length > 0) return u.procedures.length === 1 ? (u.procedures[0] ?? null) : null;
  const followup = [...u.intents].some((i) => QUESTION_INTENTS.has(i));
  return followup && r?.decision !== "choose" ? state.topic : null;
}

export function createApprovedAnswers(deps: ApprovedAnswersDeps): ApprovedAnswers {
  const vocabulary = procedureVocabulary(deps.kb.procedures);
  const cache = new Map<string, QuestionKey>();

  function keyOf(a: ApprovedAnswer): QuestionKey {
    const id = `${a.id}\u0000${a.procedure ?? ""}\u0000${a.question}`;
    const hit = cache.get(id);
    if (hit) return hit;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    const key = approvedQuestionKey(deps.nlu, vocabulary, a.question, a.procedure);
    cache.set(id, key);
    return key;
  }

  /** The best-matching valid answer (rule 1 before rule 2, then the newest approval). */
  function best(answers: readonly ApprovedAnswer[], q: QuestionKey, now: number) {
    let found: { answer: ApprovedAnswer; key: QuestionKey; score: number } | null = null;
    for (const answer of answers) {
      if (answer.expiresAt <= now) continue;
      const key = keyOf(answer);
      const score = matchScore(key, q);
      if (score > (found?.score ?? 0)) found = { answer, key, score };
    }
    return found;
  }

  return {
    async step(state, u, ctx) {
      if (!isQuestionTurn(state, u)) return null;
      const answers = await deps.store.list();
      if (answers.length === 0) return null;
      const q = questionKey(deps.nlu.intents, vocabulary, u.analyzed, questionProcedure(state, u));
      const match = best(answers, q, deps.clock.now());
      if (!match) return null;
      const procedure = match.key.procedure ?? q.procedure;
      deps.log.info("approved.served", { answer: match.answer.id, procedure, rule: match.score > 1 ? 1 : 2 });
      return approvedStep(state, match.answer, procedure, ctx, u.lang);
    },
  };
}
