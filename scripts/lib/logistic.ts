// Logistic regression fitted by full-batch gradient descent with L2 regularisation and class
// weights. Small and deterministic: enough for a handful of retrieval features.
import type { LogisticModel } from "../../src/retrieval/index.js";

export interface Sample {
  readonly x: readonly number[];
  readonly y: 0 | 1;
}

/** Fits weights and bias; positives and negatives get equal total weight. */
export function fitLogistic(
  samples: readonly Sample[],
  l2 = 0.01,
  iterations = 4000,
  rate = 0.5,
): LogisticModel {
  const dim = samples[0]?.x.length ?? 0;
  const w = new Array<number>(dim).fill(0);
  let b = 0;
  const pos = samples.filter((s) => s.y === 1).length;
  const neg = samples.length - pos;
  const weightOf = (y: 0 | 1): number =>
    y === 1 ? samples.length / (2 * Math.max(1, pos)) : samples.length / (2 * Math.max(1, neg));
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(dim).fill(0);
    let gb = 0;
    for (const s of samples) {
      const z = s.x.reduce((acc, xi, i) => acc + xi * (w[i] ?? 0), b);
      const p = 1 / (1 + Math.exp(-z));
      const err = (p - s.y) * weightOf(s.y);
      s.x.forEach((xi, i) => (gw[i] = (gw[i] ?? 0) + err * xi));
      gb += err;
    }
    for (let i = 0; i < dim; i++)
      w[i] = (w[i] ?? 0) - rate * ((gw[i] ?? 0) / samples.length + l2 * (w[i] ?? 0));
    b -= (rate * gb) / samples.length;
  }
  return { weights: w.map((x) => Number(x.toFixed(4))), bias: Number(b.toFixed(4)) };
}
