// Reciprocal rank fusion: merges several ranked lists (lexical, dense…) into one ranking.
// Rank-based, so lists with incomparable score scales fuse without calibration.

/** Fused score of each document: Σ weight / (k + rank), rank starting at 1. */
export function reciprocalRankFusion(
  lists: ReadonlyArray<{ readonly docs: readonly number[]; readonly weight: number }>,
  k = 60,
): Map<number, number> {
  const fused = new Map<number, number>();
  for (const { docs, weight } of lists) {
    docs.forEach((doc, i) => fused.set(doc, (fused.get(doc) ?? 0) + weight / (k + i + 1)));
  }
  return fused;
}
