/** A small seeded generator (mulberry32): the same seed gives the same corpus on every run. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** An index into a list sorted by frequency, drawn with Zipf's law (rank r with weight 1/r). */
  zipf(n: number): number {
    // Inverse of the continuous approximation of the harmonic CDF.
    return Math.min(n - 1, Math.floor(Math.exp(this.next() * Math.log(n + 1)) - 1));
  }
}
