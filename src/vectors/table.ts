import type { Embeddings } from "./embeddings.js";
import { HammingScan } from "./hammingScan.js";
import { type PassageMeaning, randomPlanes, SIGNATURE_BITS, SIGNATURE_WORDS, weightedAverage, weightOfRank } from "./passageMeaning.js";

/**
 * The word vectors one library needs: every corpus word English has a vector for, and the most
 * common English words (what questions are worded in), with what the answer engine asks of them:
 * a question word's nearest corpus words ("halted" → "suspended", "cashpoint" → "atm"), and sentence
 * vectors to compare a question with a passage by meaning rather than by shared words.
 *
 * Sentence vectors are smooth inverse frequency averages with the common component removed (Arora,
 * Liang and Ma, "A simple but tough-to-beat baseline for sentence embeddings", 2017): frequent words
 * count for little, and the direction every sentence shares is taken out.
 */
export interface VectorTableData {
  dimensions: number;
  words: string[];
  /** 1 for words that occur in the corpus (neighbours are drawn from these). */
  inCorpus: Uint8Array;
  /** words.length × dimensions bytes, each row times its scale. */
  vectors: Int8Array;
  scales: Float32Array;
  /** Smooth inverse frequency weight of each word: a / (a + p(word)). */
  weights: Float32Array;
  /**
   * Signs of each corpus word (as a unit vector, less `center`) against WORD_BITS fixed random
   * directions: a cheap first look for neighbours. Zeros for words outside the corpus.
   */
  signatures: Uint32Array;
  /** The mean of the corpus words' unit vectors: taken out before signing, so the directions split the words evenly. */
  center: Float32Array;
  /** The direction sentence vectors share, removed from each (unit length; zeros when not known). */
  common: Float32Array;
  /** Each passage's sentence vector's signs against the same random directions: the index of passages by meaning. */
  passageSignatures: Uint32Array;
  /**
   * Each passage's sentence vector, `dimensions` bytes a passage, scaled to fill them (a cosine needs
   * no scale): made once by the build, so that a question's candidates are compared without reading
   * their words again.
   */
  passageVectors: Int8Array;
}

/** Words of English always kept, for questions: the most frequent ones (a question's rarer words are the corpus's own, or no help). */
export const QUESTION_WORDS_KEPT = 30_000;
/** Bits of a word's signature: at 128, the true five nearest are nearly all among the NEAR_CANDIDATES closest by signature. */
const WORD_BITS = 128;
const WORD_SIGNATURE_WORDS = WORD_BITS / 32;
/** Candidates by signature looked at closely for each neighbour search. */
const NEAR_CANDIDATES = 200;
/** Passages by signature looked at closely for each search by meaning. */
const PASSAGE_CANDIDATES = 64;
/** Word pairs whose cosine is remembered, at most (then forgotten all at once). */
const COSINES_REMEMBERED = 100_000;

export class VectorTable {
  private readonly rows: Map<string, number>;
  private readonly corpusRows: Int32Array;

  constructor(readonly data: VectorTableData) {
    this.rows = new Map(data.words.map((w, i) => [w, i]));
    const corpus: number[] = [];
    for (const [i, flag] of data.inCorpus.entries()) if (flag) corpus.push(i);
    this.corpusRows = Int32Array.from(corpus);
  }

  /**
   * The table for a corpus: its words that have vectors, and the most common words of English; with
   * where its passages stand by meaning, worked out by the build (passageMeaning.ts).
   */
  static build(embeddings: Embeddings, corpusWords: ReadonlySet<string>, meaning: PassageMeaning): VectorTable {
    const { dimensions } = embeddings;
    const picked: number[] = [];
    const inCorpus: number[] = [];
    embeddings.words.forEach((word, i) => {
      const corpus = corpusWords.has(word);
      if (corpus || i < QUESTION_WORDS_KEPT) {
        picked.push(i);
        inCorpus.push(corpus ? 1 : 0);
      }
    });
    const vectors = new Int8Array(picked.length * dimensions);
    const scales = new Float32Array(picked.length);
    const weights = new Float32Array(picked.length);
    picked.forEach((source, row) => {
      vectors.set(embeddings.vectors.subarray(source * dimensions, (source + 1) * dimensions), row * dimensions);
      scales[row] = embeddings.scales[source]!;
      weights[row] = weightOfRank(source, embeddings.words.length);
    });
    const data: VectorTableData = {
      dimensions,
      words: picked.map((i) => embeddings.words[i]!),
      inCorpus: Uint8Array.from(inCorpus),
      vectors,
      scales,
      weights,
      signatures: new Uint32Array(0),
      center: new Float32Array(dimensions),
      common: meaning.common,
      passageSignatures: meaning.signatures,
      passageVectors: meaning.vectors,
    };
    data.center = centerOf(data);
    data.signatures = signaturesOf(data, randomPlanes(WORD_BITS, dimensions));
    return new VectorTable(data);
  }

  /** From data saved or posted; throws when its parts do not fit together. */
  static fromData(data: VectorTableData): VectorTable {
    const n = data.words?.length;
    const fits =
      data.passageSignatures instanceof Uint32Array &&
      data.passageSignatures.length % SIGNATURE_WORDS === 0 &&
      data.passageVectors instanceof Int8Array &&
      data.passageVectors.length === (data.passageSignatures.length / SIGNATURE_WORDS) * data.dimensions &&
      Array.isArray(data.words) &&
      data.inCorpus instanceof Uint8Array &&
      data.inCorpus.length === n &&
      data.vectors instanceof Int8Array &&
      data.vectors.length === n * data.dimensions &&
      data.scales instanceof Float32Array &&
      data.scales.length === n &&
      data.weights instanceof Float32Array &&
      data.weights.length === n &&
      data.signatures instanceof Uint32Array &&
      data.signatures.length === n * WORD_SIGNATURE_WORDS &&
      data.center instanceof Float32Array &&
      data.center.length === data.dimensions &&
      data.common instanceof Float32Array &&
      data.common.length === data.dimensions;
    if (!fits) throw new Error("the word vectors do not fit together");
    return new VectorTable(data);
  }

  get size(): number {
    return this.data.words.length;
  }

  has(word: string): boolean {
    return this.rows.has(word);
  }

  /**
   * The corpus words nearest in meaning to `word`, at least `minSimilarity` (cosine), the nearest
   * first, at most `max`. The word itself is left out. Note that vectors put antonyms close
   * (halted/resumed): callers weigh neighbours as hints, never as the word.
   */
  neighbours(word: string, max: number, minSimilarity: number): { word: string; similarity: number }[] {
    const row = this.rows.get(word);
    if (row === undefined) return [];
    // First by signature (on how many of the random directions both fall on the same side) …
    const own = new Uint32Array(WORD_SIGNATURE_WORDS);
    signWord(this.data, row, this.wordPlanes(), own, 0);
    const rows = this.corpusRows;
    this.wordScan ??= new HammingScan(corpusSignatures(this.data.signatures, rows), WORD_BITS);
    const cutoff = cutoffFor(this.wordScan.histogram(own), Math.min(NEAR_CANDIDATES, rows.length));
    const distances = this.wordScan.distances();
    // … then by cosine, exactly.
    const near: { word: string; similarity: number }[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (distances[i]! > cutoff || rows[i] === row) continue;
      const similarity = this.cosineOfRows(row, rows[i]!);
      if (similarity >= minSimilarity) near.push({ word: this.data.words[rows[i]!]!, similarity });
    }
    return near.sort((a, b) => b.similarity - a.similarity).slice(0, max);
  }

  /**
   * How frequent a word is in English: 0 for "the", 1 for ",", …; Infinity beyond the
   * QUESTION_WORDS_KEPT most frequent, and for words without a vector.
   */
  rankOf(word: string): number {
    const row = this.rows.get(word);
    // The table keeps English's QUESTION_WORDS_KEPT most frequent words first, in order: a row below that is the word's rank.
    return row !== undefined && row < QUESTION_WORDS_KEPT ? row : Infinity;
  }

  /** A sentence's vector from its words (lower case, as the tokenizer gives them); null when none has a vector. */
  sentenceVector(words: readonly string[]): Float32Array | null {
    const rows: number[] = [];
    for (const word of words) {
      const row = this.rows.get(word);
      if (row !== undefined) rows.push(row);
    }
    return this.vectorOfRows(rows);
  }

  /** The sentence vector of the words of these rows: their weighted average, less the common component. */
  private vectorOfRows(rows: readonly number[]): Float32Array | null {
    const sum = weightedAverage(rows, this.data);
    if (!sum) return null;
    const { dimensions, common } = this.data;
    let projection = 0;
    for (let d = 0; d < dimensions; d++) projection += sum[d]! * common[d]!;
    for (let d = 0; d < dimensions; d++) sum[d] = sum[d]! - projection * common[d]!;
    return sum;
  }

  /** How many passages the table has signatures of. */
  get passageCount(): number {
    return this.data.passageSignatures.length / SIGNATURE_WORDS;
  }

  /** The cosine of a sentence vector with passage i's (0 when the passage has no word with a vector). */
  similarityToPassage(vector: Float32Array, i: number): number {
    const { dimensions, passageVectors } = this.data;
    return cosine(vector, 0, passageVectors, i * dimensions, dimensions);
  }

  /** The passages nearest in meaning to a sentence vector: the `max` best by cosine among the PASSAGE_CANDIDATES closest by signature. */
  nearestPassages(vector: Float32Array, max: number): { passage: number; similarity: number }[] {
    const planes = this.planes();
    const own = new Uint32Array(SIGNATURE_WORDS);
    signInto(vector, planes, this.data.dimensions, SIGNATURE_BITS, own, 0);
    const limit = Math.min(PASSAGE_CANDIDATES, this.passageCount);
    // The closest by signature: distances counted once (hammingScan.ts), then the passages nearer
    // than the cut-off taken, and those at it in order until there are enough.
    this.scan ??= new HammingScan(this.data.passageSignatures);
    const cutoff = cutoffFor(this.scan.histogram(own), limit);
    let room = limit;
    const collected = this.scan.collect(cutoff, limit);
    for (const c of collected) if (c.distance < cutoff) room--;
    const candidates = [
      ...collected.filter((c) => c.distance < cutoff),
      ...collected.filter((c) => c.distance === cutoff).slice(0, room),
    ].map((c) => c.passage);
    return candidates
      .map((i) => ({ passage: i, similarity: this.similarityToPassage(vector, i) }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, max);
  }

  private planesCache: Float32Array | null = null;
  /** The passages' signatures where nearestPassages reads them, made on its first search. */
  private scan: HammingScan | null = null;
  private planes(): Float32Array {
    this.planesCache ??= randomPlanes(SIGNATURE_BITS, this.data.dimensions);
    return this.planesCache;
  }

  private wordPlanesCache: Float32Array | null = null;
  /** The corpus words' signatures where neighbours() reads them, made on its first search. */
  private wordScan: HammingScan | null = null;
  private wordPlanes(): Float32Array {
    this.wordPlanesCache ??= randomPlanes(WORD_BITS, this.data.dimensions);
    return this.wordPlanesCache;
  }

  /** The highest cosine of the word's vector with any of the others' (0 when none has a vector). */
  closest(word: string, others: readonly string[]): number {
    const row = this.rows.get(word);
    if (row === undefined) return 0;
    let best = 0;
    for (const other of others) {
      const otherRow = this.rows.get(other);
      if (otherRow !== undefined) best = Math.max(best, otherRow === row ? 1 : this.rememberedCosine(row, otherRow));
    }
    return best;
  }

  /** Word pairs' cosines, remembered: a question's words meet the same passage words in candidate after candidate. */
  private readonly cosines = new Map<number, number>();

  private rememberedCosine(a: number, b: number): number {
    const key = a < b ? a * this.data.words.length + b : b * this.data.words.length + a;
    let cosine = this.cosines.get(key);
    if (cosine === undefined) {
      if (this.cosines.size >= COSINES_REMEMBERED) this.cosines.clear();
      cosine = this.cosineOfRows(a, b);
      this.cosines.set(key, cosine);
    }
    return cosine;
  }

  /** Cosine similarity of two vectors (0 when either is all zeros). */
  static similarity(a: Float32Array, b: Float32Array): number {
    return cosine(a, 0, b, 0, a.length);
  }

  /** The cosine of two words' rows: the same as cosine() gives (byte rows: every sum is a whole number), each row's sum of squares counted once. */
  private cosineOfRows(a: number, b: number): number {
    const { dimensions, vectors } = this.data;
    const squares = this.rowSquares();
    const na = squares[a]!;
    const nb = squares[b]!;
    if (na === 0 || nb === 0) return 0;
    let dot = 0;
    for (let d = 0, x = a * dimensions, y = b * dimensions; d < dimensions; d++) dot += vectors[x + d]! * vectors[y + d]!;
    return dot / Math.sqrt(na * nb);
  }

  private squares: Uint32Array | null = null;
  /** Each row's sum of squares (at most dimensions × 127², a whole number). */
  private rowSquares(): Uint32Array {
    if (this.squares) return this.squares;
    const { dimensions, vectors, words } = this.data;
    const squares = new Uint32Array(words.length);
    for (let r = 0; r < words.length; r++) {
      let sum = 0;
      for (let d = r * dimensions, end = d + dimensions; d < end; d++) sum += vectors[d]! * vectors[d]!;
      squares[r] = sum;
    }
    this.squares = squares;
    return squares;
  }
}

/** The mean of the corpus words' unit vectors. */
function centerOf(data: VectorTableData): Float32Array {
  const { dimensions, vectors } = data;
  const center = new Float32Array(dimensions);
  let count = 0;
  for (let r = 0; r < data.words.length; r++) {
    if (!data.inCorpus[r]) continue;
    let norm = 0;
    for (let d = 0; d < dimensions; d++) norm += vectors[r * dimensions + d]! ** 2;
    if (norm === 0) continue;
    norm = Math.sqrt(norm);
    for (let d = 0; d < dimensions; d++) center[d] = center[d]! + vectors[r * dimensions + d]! / norm;
    count++;
  }
  if (count > 0) for (let d = 0; d < dimensions; d++) center[d] = center[d]! / count;
  return center;
}

/** Each corpus word's signs against fixed random directions (the same on every build). */
function signaturesOf(data: VectorTableData, planes: Float32Array): Uint32Array {
  const signatures = new Uint32Array(data.words.length * WORD_SIGNATURE_WORDS);
  for (let r = 0; r < data.words.length; r++) if (data.inCorpus[r]) signWord(data, r, planes, signatures, r * WORD_SIGNATURE_WORDS);
  return signatures;
}

/** One word's signature: its unit vector less the center, against WORD_BITS directions. */
function signWord(data: VectorTableData, r: number, planes: Float32Array, out: Uint32Array, at: number): void {
  const { dimensions, vectors, center } = data;
  const row = new Float32Array(dimensions);
  let norm = 0;
  for (let d = 0; d < dimensions; d++) norm += vectors[r * dimensions + d]! ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dimensions; d++) row[d] = vectors[r * dimensions + d]! / norm - center[d]!;
  signInto(row, planes, dimensions, WORD_BITS, out, at);
}

/** The smallest distance below which at least `wanted` of those counted in the histogram fall. */
function cutoffFor(histogram: Int32Array, wanted: number): number {
  let cutoff = 0;
  for (let seen = 0; cutoff < histogram.length - 1 && seen + histogram[cutoff]! < wanted; cutoff++) seen += histogram[cutoff]!;
  return cutoff;
}

function signInto(vector: ArrayLike<number>, planes: Float32Array, dimensions: number, bits: number, out: Uint32Array, at: number): void {
  for (let bit = 0; bit < bits; bit++) {
    let dot = 0;
    for (let d = 0; d < dimensions; d++) dot += planes[bit * dimensions + d]! * vector[d]!;
    if (dot > 0) out[at + (bit >> 5)]! |= 1 << (bit & 31);
  }
}

/** The cosine of a[from …] and b[from …], `n` numbers each (0 when either is all zeros). */
function cosine(a: ArrayLike<number>, aAt: number, b: ArrayLike<number>, bAt: number, n: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < n; d++) {
    const x = a[aAt + d]!;
    const y = b[bAt + d]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** The signatures of the corpus's words, one after another in the order of their rows. */
function corpusSignatures(signatures: Uint32Array, rows: Int32Array): Uint32Array {
  const out = new Uint32Array(rows.length * WORD_SIGNATURE_WORDS);
  for (const [i, row] of rows.entries()) {
    out.set(signatures.subarray(row * WORD_SIGNATURE_WORDS, (row + 1) * WORD_SIGNATURE_WORDS), i * WORD_SIGNATURE_WORDS);
  }
  return out;
}
