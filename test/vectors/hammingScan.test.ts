import { describe, expect, it } from "vitest";
import { HammingScan } from "../../src/vectors/hammingScan.js";

/** What the scan must give, counted in plain JavaScript. */
function reference(signatures: Uint32Array, a: number, b: number) {
  const bits = (x: number) => x.toString(2).replaceAll("0", "").length;
  const distances = Array.from(
    { length: signatures.length / 2 },
    (_, i) => bits((a ^ signatures[2 * i]!) >>> 0) + bits((b ^ signatures[2 * i + 1]!) >>> 0),
  );
  const histogram = new Int32Array(65);
  for (const d of distances) histogram[d]!++;
  return { distances, histogram };
}

function randomSignatures(count: number, seed: number): Uint32Array {
  let x = seed;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  return Uint32Array.from({ length: 2 * count }, next);
}

describe("the scan of passages' signatures (WebAssembly)", () => {
  it("GIVEN signatures and a question's THEN every distance is counted as plain JavaScript counts it", () => {
    const signatures = randomSignatures(5_000, 7);
    const scan = new HammingScan(signatures);
    for (const [a, b] of [
      [0, 0],
      [0xffffffff, 0xffffffff],
      [signatures[20]!, signatures[21]!],
      [0x12345678, 0x9abcdef0],
    ] as const) {
      expect([...scan.histogram([a, b])]).toEqual([...reference(signatures, a, b).histogram]);
    }
    // The passage the question is made from is at distance 0.
    expect(scan.histogram([signatures[20]!, signatures[21]!])[0]).toBeGreaterThanOrEqual(1);
  });

  it("GIVEN a cut-off THEN the passages nearer are all collected, and those at it in passage order while there is room", () => {
    const signatures = randomSignatures(5_000, 11);
    const scan = new HammingScan(signatures);
    const [a, b] = [signatures[100]!, signatures[101]!];
    scan.histogram([a, b]);
    const { distances } = reference(signatures, a, b);
    const cutoff = 22;
    const collected = scan.collect(cutoff, 3);
    const nearer = distances.flatMap((d, i) => (d < cutoff ? [i] : []));
    const at = distances.flatMap((d, i) => (d === cutoff ? [i] : [])).slice(0, 3);
    expect(collected.filter((c) => c.distance < cutoff).map((c) => c.passage)).toEqual(nearer);
    expect(collected.filter((c) => c.distance === cutoff).map((c) => c.passage)).toEqual(at);
    for (const c of collected) expect(c.distance).toBe(distances[c.passage]);
  });

  it("GIVEN 128-bit signatures THEN every distance is counted as plain JavaScript counts it, and each can be read", () => {
    const signatures = randomSignatures(6_000, 13); // 3,000 entries of four words
    const scan = new HammingScan(signatures, 128);
    const bits = (x: number) => x.toString(2).replaceAll("0", "").length;
    const distanceTo = (query: number[], i: number) => query.reduce((sum, q, k) => sum + bits((q ^ signatures[4 * i + k]!) >>> 0), 0);
    for (const query of [[0, 0, 0, 0], [...signatures.subarray(40, 44)], [0xffffffff, 0x1234, 0x80000000, 0x7fffffff]]) {
      const expected = Array.from({ length: 3_000 }, (_, i) => distanceTo(query, i));
      const histogram = new Int32Array(129);
      for (const d of expected) histogram[d]!++;
      expect([...scan.histogram(query)]).toEqual([...histogram]);
      expect([...scan.distances()]).toEqual(expected);
    }
    expect(scan.histogram([...signatures.subarray(40, 44)])[0]).toBeGreaterThanOrEqual(1);
  });

  it("GIVEN no passages THEN nothing is found", () => {
    const scan = new HammingScan(new Uint32Array(0));
    expect([...scan.histogram([1, 2])].every((n) => n === 0)).toBe(true);
    expect(scan.collect(64, 64)).toEqual([]);
  });
});
