import { describe, expect, it } from "vitest";
import { type CandidateList, fitLogistic, fitSoftmax } from "../../src/tools/eval/fit.js";

/** A made-up question: `count` candidates of two features, the gold one with the first feature set; the second is noise. */
function question(count: number, seed: number): CandidateList {
  const features = new Float64Array(count * 2);
  const gold = new Uint8Array(count);
  const right = seed % count;
  for (let i = 0; i < count; i++) {
    features[i * 2] = i === right ? 1 : 0.2;
    features[i * 2 + 1] = ((seed * 7 + i * 13) % 10) / 10;
    gold[i] = i === right ? 1 : 0;
  }
  return { features, count, gold };
}

describe("the fits calibrate makes", () => {
  it("GIVEN candidates whose gold stands out by one feature THEN the softmax weighs that feature, not the noise", () => {
    const w = fitSoftmax(
      Array.from({ length: 40 }, (_, i) => question(5, i)),
      2,
      0.001,
    );
    expect(w[0]).toBeGreaterThan(2);
    expect(Math.abs(w[1]!)).toBeLessThan(w[0]! / 4);
  });

  it("GIVEN questions without a gold candidate THEN they teach nothing", () => {
    const none = { ...question(4, 1), gold: new Uint8Array(4) };
    expect([...fitSoftmax([none, none], 2, 0.001)]).toEqual([0, 0]);
  });

  it("GIVEN a feature that predicts the answer THEN the logistic weighs it, unless its sign forbids", () => {
    const examples = Array.from({ length: 60 }, (_, i) => {
      const y = i % 2 === 0 ? (1 as const) : (0 as const);
      return { x: [y === 1 ? 0.9 : 0.1, (i % 5) / 5], y, weight: 1 };
    });
    const free = fitLogistic(examples, [1, 1], 0.01);
    expect(free.weights[0]).toBeGreaterThan(2);
    const held = fitLogistic(examples, [-1, 1], 0.01);
    expect(held.weights[0]).toBe(0);
  });
});
