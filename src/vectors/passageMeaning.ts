import { eachWordId, type PassageWordsColumns } from "../passages/passageWords.js";
import type { Embeddings } from "./embeddings.js";

/**
 * Where each passage stands by meaning, worked out by the build once so that no question reads a
 * passage's words to compare it by meaning: its sentence vector in bytes, and its signature (the
 * vector's signs against SIGNATURE_BITS fixed random directions) for the scan that finds the nearest.
 *
 * Sentence vectors are smooth inverse frequency averages with the common component removed (Arora,
 * Liang and Ma, "A simple but tough-to-beat baseline for sentence embeddings", 2017): frequent words
 * count for little, and the direction every sentence shares is taken out. Everything here is read
 * from English's own vectors, so each build thread works out its own passages: only the common
 * component is the whole corpus's, found first from a sample of it.
 */
export interface PassageMeaning {
  /** The direction sentence vectors share, removed from each (unit length; zeros when not known). */
  common: Float32Array;
  /** SIGNATURE_WORDS 32-bit words a passage. */
  signatures: Uint32Array;
  /** `dimensions` bytes a passage, scaled to fill them (a cosine needs no scale); zeros for a passage without a word that has a vector. */
  vectors: Int8Array;
}

/** Bits of a passage's signature. */
export const SIGNATURE_BITS = 64;
export const SIGNATURE_WORDS = SIGNATURE_BITS / 32;
/** The "a" of smooth inverse frequency. */
const SIF_A = 1e-3;
/** Sentences the common component is found from, at most. */
const COMMON_SAMPLE = 2_000;

/** The smooth inverse frequency weight of the word of English at this rank (0 the commonest). */
export function weightOfRank(rank: number, englishWords: number): number {
  // Word frequency, by rank as Zipf's law has it: p(rank r) = 1 / (r · H), H ≈ ln(words) + γ.
  const harmonic = Math.log(englishWords) + 0.5772;
  const p = 1 / ((rank + 1) * harmonic);
  return SIF_A / (SIF_A + p);
}

/** English's word vectors as sentence vectors weigh them. */
export class SentenceVectors {
  private readonly rows: Map<string, number>;
  private readonly weights: Float32Array;

  /** `kept`: the words the corpus's table will have (VectorTable.build), so that passages and questions are weighed over the same words. */
  constructor(
    private readonly english: Embeddings,
    kept: (word: string, rank: number) => boolean = () => true,
  ) {
    this.rows = new Map();
    english.words.forEach((word, rank) => {
      if (kept(word, rank)) this.rows.set(word, rank);
    });
    this.weights = Float32Array.from(english.words, (_, rank) => weightOfRank(rank, english.words.length));
  }

  /** A sentence's weighted average, the common component still in it; null when no word has a vector. */
  averageOf(words: readonly string[]): Float32Array | null {
    const rows: number[] = [];
    for (const word of words) {
      const row = this.rows.get(word);
      if (row !== undefined) rows.push(row);
    }
    return weightedAverage(rows, { ...this.english, weights: this.weights });
  }

  /** The first principal component of some sentences' vectors (power iteration), unit length; zeros from fewer than two. */
  commonComponent(sentences: readonly string[][]): Float32Array {
    const { dimensions } = this.english;
    const sample =
      sentences.length <= COMMON_SAMPLE ? sentences : sentences.filter((_, i) => i % Math.ceil(sentences.length / COMMON_SAMPLE) === 0);
    const vectors = sample.map((s) => this.averageOf(s)).filter((v): v is Float32Array => v !== null);
    let component = new Float32Array(dimensions).fill(1 / Math.sqrt(dimensions));
    if (vectors.length < 2) return new Float32Array(dimensions);
    for (let round = 0; round < 20; round++) {
      const next = new Float32Array(dimensions);
      for (const v of vectors) {
        let dot = 0;
        for (let d = 0; d < dimensions; d++) dot += v[d]! * component[d]!;
        for (let d = 0; d < dimensions; d++) next[d] = next[d]! + dot * v[d]!;
      }
      const norm = Math.sqrt(next.reduce((s, x) => s + x * x, 0)) || 1;
      component = next.map((x) => x / norm);
    }
    return component;
  }

  /**
   * Each passage's signature and vector in bytes, the common component taken out. A word's weighted
   * vector, its projections on the directions and on the common component are made the first time
   * the word is met, side by side, then added up for each passage it is in (the projection of a
   * weighted average is the weighted average of the projections).
   */
  passagesByMeaning(passages: PassageWordsColumns, common: Float32Array): PassageMeaning {
    const { dimensions, vectors, scales } = this.english;
    const count = passages.offsets.length - 1;
    // Each word of the passages' vocabulary looked up once: its row of English's vectors, or -1.
    const rowOfWord = Int32Array.from(passages.vocabulary, (word) => this.rows.get(word) ?? -1);
    const planes = randomPlanes(SIGNATURE_BITS, dimensions);
    const width = dimensions + SIGNATURE_BITS + 1;
    const onCommon = dimensions + SIGNATURE_BITS;
    const made: (Float32Array | undefined)[] = new Array(passages.vocabulary.length);
    const madeOf = (word: number) => {
      let out = made[word];
      if (out) return out;
      const row = rowOfWord[word]!;
      out = new Float32Array(width);
      for (let d = 0; d < dimensions; d++) {
        const x = vectors[row * dimensions + d]! * scales[row]! * this.weights[row]!;
        out[d] = x;
        for (let bit = 0; bit < SIGNATURE_BITS; bit++) out[dimensions + bit] = out[dimensions + bit]! + x * planes[bit * dimensions + d]!;
        out[onCommon] = out[onCommon]! + x * common[d]!;
      }
      made[word] = out;
      return out;
    };
    const commonOnPlanes = new Float32Array(SIGNATURE_BITS);
    for (let bit = 0; bit < SIGNATURE_BITS; bit++)
      for (let d = 0; d < dimensions; d++) commonOnPlanes[bit] = commonOnPlanes[bit]! + common[d]! * planes[bit * dimensions + d]!;
    const signatures = new Uint32Array(count * SIGNATURE_WORDS);
    const bytes = new Int8Array(count * dimensions);
    const sum = new Float64Array(width);
    let added = 0;
    const add = (word: number) => {
      if (rowOfWord[word]! < 0) return;
      addInto(sum, madeOf(word));
      added++;
    };
    for (let i = 0; i < count; i++) {
      sum.fill(0);
      added = 0;
      eachWordId(passages, i, add);
      if (added === 0) continue;
      // Less the common component (the sign of an average is its sum's, and so is its direction).
      for (let bit = 0; bit < SIGNATURE_BITS; bit++)
        if (sum[dimensions + bit]! - sum[onCommon]! * commonOnPlanes[bit]! > 0)
          signatures[i * SIGNATURE_WORDS + (bit >> 5)]! |= 1 << (bit & 31);
      const vector = sum.subarray(0, dimensions);
      const projection = sum[onCommon]!;
      for (let d = 0; d < dimensions; d++) vector[d] = vector[d]! - projection * common[d]!;
      quantiseInto(vector, bytes, i * dimensions);
    }
    return { common, signatures, vectors: bytes };
  }
}

/**
 * The smooth-inverse-frequency average of some words' vectors (by their rows in `table`), each row
 * times its scale and weight; null for no rows. The one home of a sentence vector's arithmetic.
 */
export function weightedAverage(
  rows: readonly number[],
  table: { dimensions: number; vectors: Int8Array; scales: Float32Array; weights: Float32Array },
): Float32Array | null {
  if (rows.length === 0) return null;
  const { dimensions, vectors, scales, weights } = table;
  const sum = new Float32Array(dimensions);
  for (const row of rows) {
    const w = weights[row]! * scales[row]!;
    for (let d = 0; d < dimensions; d++) sum[d] = sum[d]! + w * vectors[row * dimensions + d]!;
  }
  for (let d = 0; d < dimensions; d++) sum[d] = sum[d]! / rows.length;
  return sum;
}

/** sum += row, element by element (the build's hot loop, kept small for the compiler). */
function addInto(sum: Float64Array, row: Float32Array): void {
  for (let k = 0; k < row.length; k++) sum[k]! += row[k]!;
}

/** A vector in bytes at out[at …], scaled so that its largest coordinate is ±127. */
function quantiseInto(vector: ArrayLike<number>, out: Int8Array, at: number): void {
  let largest = 0;
  for (let d = 0; d < vector.length; d++) largest = Math.max(largest, Math.abs(vector[d]!));
  if (largest === 0) return;
  for (let d = 0; d < vector.length; d++) out[at + d] = Math.round((vector[d]! / largest) * 127);
}

/** Parts of the corpus worked out apart, in corpus order, as one. */
export function joinPassageMeanings(parts: readonly PassageMeaning[], dimensions: number): PassageMeaning {
  const signatures = new Uint32Array(parts.reduce((n, p) => n + p.signatures.length, 0));
  const vectors = new Int8Array(parts.reduce((n, p) => n + p.vectors.length, 0));
  let s = 0;
  let v = 0;
  for (const part of parts) {
    signatures.set(part.signatures, s);
    vectors.set(part.vectors, v);
    s += part.signatures.length;
    v += part.vectors.length;
  }
  return { common: parts[0]?.common ?? new Float32Array(dimensions), signatures, vectors };
}

/** Fixed random directions, `count` of `dimensions` numbers each: the same on every build and every thread. */
export function randomPlanes(count: number, dimensions: number): Float32Array {
  // A fixed seed: signatures must agree between a build and a later load.
  let seed = 0x9e3779b9;
  const uniform = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) + 1) / 0x100000001;
  };
  // Normally distributed coordinates (Box–Muller): directions spread evenly over the sphere.
  const gaussian = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return Float32Array.from({ length: count * dimensions }, gaussian);
}
