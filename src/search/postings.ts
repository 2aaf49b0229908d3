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

  trimmed(): Uint32Array {
    return this.values.slice(0, this.length);
  }
}

/** A field's postings as collected, one per (term, document), before they are laid out by term. */
export interface RawPostings {
  termIds: Uint32Array;
  docIds: Uint32Array;
  counts: Uint32Array;
  /** Per document, its field's distinct terms. */
  lengths: Uint32Array;
}

/** Raw postings from one part of the corpus: its term ids mapped to the whole index's, its documents after `docOffset` others. */
export interface PostingsPart {
  raw: RawPostings;
  globalTerm: Uint32Array;
  docOffset: number;
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

  /** The postings laid out, term ids as they are. */
  build(termCount: number): FieldPostings {
    return layOutPostings([{ raw: this.raw(), globalTerm: Uint32Array.from({ length: termCount }, (_, t) => t), docOffset: 0 }], termCount);
  }

  raw(): RawPostings {
    return {
      termIds: this.termIds.trimmed(),
      docIds: this.docIds.trimmed(),
      counts: this.counts.trimmed(),
      lengths: this.lengths.trimmed(),
    };
  }
}

/**
 * Lays the parts' postings out by term (a counting sort): each term's documents in ascending order,
 * as the parts come in corpus order.
 */
export function layOutPostings(parts: readonly PostingsPart[], termCount: number): FieldPostings {
  const offsets = new Uint32Array(termCount + 1);
  let documentCount = 0;
  for (const { raw, globalTerm } of parts) {
    for (const t of raw.termIds) offsets[globalTerm[t]! + 1]!++;
    documentCount += raw.lengths.length;
  }
  for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
  const next = offsets.slice(0, termCount);
  const docs = new Uint32Array(offsets[termCount]!);
  const freqs = new Uint8Array(docs.length);
  const lengths = new Uint16Array(documentCount);
  let total = 0;
  for (const { raw, globalTerm, docOffset } of parts) {
    for (let i = 0; i < raw.termIds.length; i++) {
      const at = next[globalTerm[raw.termIds[i]!]!]!++;
      docs[at] = raw.docIds[i]! + docOffset;
      freqs[at] = Math.min(255, raw.counts[i]!);
    }
    raw.lengths.forEach((length, d) => {
      lengths[docOffset + d] = Math.min(65_535, length);
      total += lengths[docOffset + d]!;
    });
  }
  return { offsets, docs, freqs, lengths, averageLength: documentCount > 0 ? total / documentCount : 0 };
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
  // Each term's documents in ascending order, each one of the index's: what scoring and contains() rely on.
  for (let t = 0; t < termCount; t++) {
    const from = offsets[t]!;
    const to = offsets[t + 1]!;
    if (to < from) throw new Error(`the ${field} postings do not match the index`);
    for (let i = from; i < to; i++) {
      if (docs[i]! >= documentCount || (i > from && docs[i]! <= docs[i - 1]!))
        throw new Error(`the ${field} postings do not match the index`);
    }
  }
}
