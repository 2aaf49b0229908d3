/**
 * The postings of one field, in typed arrays: for each term, the documents containing it (in
 * ascending order) and how often. A million passages hold about ten million postings; as Maps of
 * Maps (MiniSearch's own layout) they cost half a kilobyte a passage and seconds to rebuild, here
 * five bytes each, saved and loaded as raw bytes.
 */
export interface FieldPostings {
  /** Term t's postings are docs[offsets[t]] … docs[offsets[t + 1] - 1]. */
  offsets: Uint32Array;
  docs: Uint32Array;
  /** Occurrences of the term in the document's field (at most 255). */
  freqs: Uint8Array;
  /** Distinct terms in each document's field, as MiniSearch measures a field's length (at most 65,535). */
  lengths: Uint16Array;
  averageLength: number;
}

/** A typed array that grows as values are pushed. */
class GrowingUint32 {
  private values = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const bigger = new Uint32Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = value;
  }

  at(i: number): number {
    return this.values[i]!;
  }
}

/** Collects a field's terms document by document (documents in order), then lays them out as FieldPostings. */
export class FieldPostingsBuilder {
  private readonly termIds = new GrowingUint32();
  private readonly docIds = new GrowingUint32();
  private readonly counts = new GrowingUint32();
  private readonly lengths = new GrowingUint32();
  /** For each term id, where its posting in the current document is (+1; 0 when it has none yet). */
  private postingOf = new Uint32Array(1024);
  private readonly current: number[] = [];

  /** The field of the next document: its term ids in order, repeats included. */
  addDocument(terms: readonly number[]): void {
    const doc = this.lengths.length;
    for (const t of terms) {
      if (t >= this.postingOf.length) this.growTo(t);
      const at = this.postingOf[t]!;
      if (at > 0) {
        this.current[at - 1]!++;
        continue;
      }
      this.termIds.push(t);
      this.docIds.push(doc);
      this.postingOf[t] = this.current.push(1);
    }
    for (let i = 0; i < this.current.length; i++) {
      this.counts.push(this.current[i]!);
      this.postingOf[this.termIds.at(this.termIds.length - this.current.length + i)] = 0;
    }
    // An empty field still counts as one, as in MiniSearch (its tokenizer yields one empty token).
    this.lengths.push(Math.max(1, this.current.length));
    this.current.length = 0;
  }

  private growTo(term: number): void {
    const bigger = new Uint32Array(Math.max(term + 1, this.postingOf.length * 2));
    bigger.set(this.postingOf);
    this.postingOf = bigger;
  }

  /** Counting sort by term: each term's documents stay in ascending order. */
  build(termCount: number): FieldPostings {
    const n = this.termIds.length;
    const offsets = new Uint32Array(termCount + 1);
    for (let i = 0; i < n; i++) offsets[this.termIds.at(i) + 1]!++;
    for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
    const next = offsets.slice(0, termCount);
    const docs = new Uint32Array(n);
    const freqs = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const at = next[this.termIds.at(i)]!++;
      docs[at] = this.docIds.at(i);
      freqs[at] = Math.min(255, this.counts.at(i));
    }
    const lengths = new Uint16Array(this.lengths.length);
    let total = 0;
    for (let d = 0; d < lengths.length; d++) {
      lengths[d] = Math.min(65_535, this.lengths.at(d));
      total += lengths[d]!;
    }
    return { offsets, docs, freqs, lengths, averageLength: lengths.length > 0 ? total / lengths.length : 0 };
  }
}

/** Documents containing term t in this field. */
export function documentFrequency(postings: FieldPostings, t: number): number {
  return postings.offsets[t + 1]! - postings.offsets[t]!;
}

/** Whether the document's field contains term t (binary search of its postings). */
export function contains(postings: FieldPostings, t: number, doc: number): boolean {
  let low = postings.offsets[t]!;
  let high = postings.offsets[t + 1]!;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const d = postings.docs[middle]!;
    if (d === doc) return true;
    if (d < doc) low = middle + 1;
    else high = middle;
  }
  return false;
}

/** Checks postings read from a snapshot against the term and document counts they must match. */
export function checkPostings(postings: FieldPostings, termCount: number, documentCount: number, field: string): void {
  const { offsets, docs, freqs, lengths } = postings;
  const ok =
    offsets instanceof Uint32Array &&
    docs instanceof Uint32Array &&
    freqs instanceof Uint8Array &&
    lengths instanceof Uint16Array &&
    offsets.length === termCount + 1 &&
    offsets[termCount] === docs.length &&
    freqs.length === docs.length &&
    lengths.length === documentCount &&
    typeof postings.averageLength === "number";
  if (!ok) throw new Error(`the ${field} postings do not match the index`);
}
