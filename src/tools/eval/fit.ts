/**
 * The two models calibrate fits, as plain numbers: a ranking (a softmax over each question's
 * candidates) and a decision (a logistic regression over questions). Both are L2-regularised and
 * found by gradient descent with momentum, on typed arrays so that thousands of questions fit in
 * seconds.
 */

/** One question's candidates: `features` holds `count` rows of `dimensions` numbers; `gold[i]` is 1 for a right one. */
export interface CandidateList {
  features: Float64Array;
  count: number;
  gold: Uint8Array;
}

const ROUNDS = 1500;
const RATE = 0.5;
const MOMENTUM = 0.9;

/**
 * Weights maximising the mean over questions of log(Σ_gold e^score / Σ_all e^score), less
 * `l2`/2 × |w|²: every question counts alike, whichever set it comes from. Questions without a gold
 * candidate teach nothing and are skipped.
 */
export function fitSoftmax(questions: readonly CandidateList[], dimensions: number, l2: number): Float64Array {
  const useful = questions.filter((q) => q.gold.some((g) => g === 1) && q.count > 1);
  const w = new Float64Array(dimensions);
  const velocity = new Float64Array(dimensions);
  const grad = new Float64Array(dimensions);
  let scores = new Float64Array(64);
  for (let round = 0; round < ROUNDS; round++) {
    grad.fill(0);
    for (const q of useful) {
      if (scores.length < q.count) scores = new Float64Array(q.count * 2);
      let top = -Infinity;
      for (let i = 0; i < q.count; i++) {
        let s = 0;
        for (let k = 0; k < dimensions; k++) s += w[k]! * q.features[i * dimensions + k]!;
        scores[i] = s;
        if (s > top) top = s;
      }
      let all = 0;
      let gold = 0;
      for (let i = 0; i < q.count; i++) {
        const e = Math.exp(scores[i]! - top);
        scores[i] = e;
        all += e;
        if (q.gold[i]) gold += e;
      }
      // ∂/∂w of log(gold / all): the gold candidates' expected features less all candidates'.
      for (let i = 0; i < q.count; i++) {
        const share = (q.gold[i] ? scores[i]! / gold : 0) - scores[i]! / all;
        if (share === 0) continue;
        for (let k = 0; k < dimensions; k++) grad[k]! += share * q.features[i * dimensions + k]!;
      }
    }
    for (let k = 0; k < dimensions; k++) {
      velocity[k] = MOMENTUM * velocity[k]! + RATE * (grad[k]! / Math.max(1, useful.length) - l2 * w[k]!);
      w[k]! += velocity[k]!;
    }
  }
  return w;
}

/** One example of the decision: its features, whether it is answerable, and how much it counts. */
export interface DecisionExample {
  x: readonly number[];
  y: 0 | 1;
  weight: number;
}

/**
 * Logistic regression: the bias and weights minimising the weighted log loss plus `l2`/2 × |w|²,
 * each weight held to its sign (1: never below 0, -1: never above). With few examples a free fit
 * finds chance patterns, such as a passage matching every word being less likely to answer.
 */
export function fitLogistic(
  examples: readonly DecisionExample[],
  signs: readonly (1 | -1)[],
  l2: number,
): { bias: number; weights: number[] } {
  const n = signs.length;
  const weights = new Float64Array(n);
  const velocity = new Float64Array(n + 1);
  const grad = new Float64Array(n);
  let bias = 0;
  const total = examples.reduce((sum, e) => sum + e.weight, 0) || 1;
  for (let round = 0; round < ROUNDS * 2; round++) {
    grad.fill(0);
    let gradBias = 0;
    for (const { x, y, weight } of examples) {
      let z = bias;
      for (let i = 0; i < n; i++) z += weights[i]! * x[i]!;
      const error = (weight * (1 / (1 + Math.exp(-z)) - y)) / total;
      for (let i = 0; i < n; i++) grad[i]! += error * x[i]!;
      gradBias += error;
    }
    for (let i = 0; i < n; i++) {
      velocity[i] = MOMENTUM * velocity[i]! - RATE * (grad[i]! + l2 * weights[i]!);
      weights[i]! += velocity[i]!;
      if (weights[i]! * signs[i]! < 0) {
        weights[i] = 0;
        velocity[i] = 0;
      }
    }
    velocity[n] = MOMENTUM * velocity[n]! - RATE * gradBias;
    bias += velocity[n]!;
  }
  return { bias, weights: [...weights] };
}
