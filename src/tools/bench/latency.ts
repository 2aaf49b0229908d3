export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

/** Percentiles of timings, in the unit given (milliseconds throughout the bench). */
export function summarise(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: at(50), p95: at(95), p99: at(99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}
