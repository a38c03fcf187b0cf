// Interfaces the conversation core needs from the outside world. The core owns them;
// adapters (retrieval, storage, portal, channels) implement them. Only types live here.

/** One procedure proposed by the retriever, best first. */
export interface Candidate {
  readonly slug: string;
  /** Fused ranking score (higher is better); comparable only within one result. */
  readonly score: number;
}

/**
 * What to do with a query: answer with one procedure, offer up to three to pick from, or say
 * "không tìm thấy thủ tục này". Wrongly answering with a confident procedure is worse than asking.
 */
export type RetrievalDecision = "answer" | "choose" | "none";

export interface RetrievalResult {
  readonly decision: RetrievalDecision;
  /** Ranked candidates (at most 3); empty when decision is "none". */
  readonly candidates: readonly Candidate[];
  /** Estimated probability that the first candidate is what the user asked about (0–1). */
  readonly confidence: number;
  /** Short machine-readable reason for the decision, e.g. "injection", "no-topic-match". */
  readonly reason: string;
}

/** Finds the procedure a citizen is asking about, however they type it. */
export interface Retriever {
  search(query: string): Promise<RetrievalResult>;
}

/** Turns texts into fixed-length vectors; implementations: local hashed n-grams, OpenAI-compatible. */
export interface Embedder {
  /** Stable identity of model + parameters; a change invalidates persisted vectors. */
  readonly id: string;
  readonly dimension: number;
  embedDocuments(texts: readonly string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}
