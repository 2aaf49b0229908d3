import { SEARCH } from "../tuning.js";
import { contains, type FieldPostings } from "./postings.js";

/**
 * BM25+ over FieldPostings, scored exactly as MiniSearch scores an OR query (same parameters, same
 * order of additions, a document's sum multiplied by the number of query terms it matched), but
 * accumulated in typed arrays instead of a Map per query term: at a million passages a common word
 * touches tens of thousands of them.
 */
const { k: K, b: B, d: D } = SEARCH;

/** One term of the query: the index terms it is matched as (itself, and any fuzzy matches, each weighted). */
export interface ScoredTerm {
  derived: readonly { term: number; weight: number }[];
  boost: number;
}

export interface ScoredField {
  postings: FieldPostings;
  boost: number;
}

export interface ScoredDocument {
  doc: number;
  score: number;
  /** For each query term, by position: whether it matched the document, in each field (same order as the fields). */
  matched: (field: number, term: number) => boolean;
}

/** Scratch space for scoring queries over one index, reused from query to query (scoring is synchronous). */
export class Scorer {
  private scores: Float64Array;
  private partial: Float64Array;
  private termsMatched: Uint16Array;
  private seen: Uint8Array;
  /** Per field: each document's length normalisation, K·(1 − B + B·length / average), worked out once. */
  private readonly norms = new Map<FieldPostings, Float64Array>();

  constructor(private readonly documentCount: number) {
    this.scores = new Float64Array(documentCount);
    this.partial = new Float64Array(documentCount);
    this.termsMatched = new Uint16Array(documentCount);
    this.seen = new Uint8Array(documentCount);
  }

  /** The `limit` best documents, best first; ties in the order the documents were first matched. */
  top(terms: readonly ScoredTerm[], fields: readonly ScoredField[], limit: number): ScoredDocument[] {
    const { scores, partial, termsMatched, seen } = this;
    const touched: number[] = [];
    const touchedByTerm: number[] = [];
    for (const term of terms) {
      for (const { term: t, weight } of term.derived) {
        for (const field of fields) {
          const { offsets, docs, freqs } = field.postings;
          const norms = this.normsOf(field.postings);
          const from = offsets[t]!;
          const to = offsets[t + 1]!;
          if (from === to) continue;
          const df = to - from;
          const idf = Math.log(1 + (this.documentCount - df + 0.5) / (df + 0.5));
          const factor = weight * term.boost * field.boost;
          for (let i = from; i < to; i++) {
            const doc = docs[i]!;
            const tf = freqs[i]!;
            const raw = idf * (D + (tf * (K + 1)) / (tf + norms[doc]!));
            if (seen[doc] === 0) {
              seen[doc] = 1;
              touched.push(doc);
            }
            if (seen[doc] === 1) {
              seen[doc] = 2;
              touchedByTerm.push(doc);
              partial[doc] = factor * raw;
            } else {
              partial[doc]! += factor * raw;
            }
          }
        }
      }
      // As MiniSearch combines per-term results: each term's sum is added to the document's total.
      for (const doc of touchedByTerm) {
        scores[doc]! += partial[doc]!;
        termsMatched[doc]!++;
        seen[doc] = 1;
      }
      touchedByTerm.length = 0;
    }
    const order = bestOf(touched, (doc) => scores[doc]! * termsMatched[doc]!, limit);
    const out = order.map((doc) => ({
      doc,
      score: scores[doc]! * termsMatched[doc]!,
      matched: (f: number, q: number) => terms[q]!.derived.some((d) => contains(fields[f]!.postings, d.term, doc)),
    }));
    for (const doc of touched) {
      scores[doc] = 0;
      termsMatched[doc] = 0;
      seen[doc] = 0;
    }
    return out;
  }

  private normsOf(postings: FieldPostings): Float64Array {
    let norms = this.norms.get(postings);
    if (!norms) {
      const { lengths, averageLength } = postings;
      norms = new Float64Array(this.documentCount);
      for (let doc = 0; doc < this.documentCount; doc++) norms[doc] = K * (1 - B + (B * lengths[doc]!) / averageLength);
      this.norms.set(postings, norms);
    }
    return norms;
  }
}

/** The `limit` items of highest score, best first, ties kept in their order in `items` (a stable top-k). */
export function bestOf(items: readonly number[], scoreOf: (item: number) => number, limit: number): number[] {
  const ranked = (a: number, b: number) => scoreOf(items[b]!) - scoreOf(items[a]!) || a - b;
  if (items.length <= limit * 4) {
    return items
      .map((_, i) => i)
      .sort(ranked)
      .slice(0, limit)
      .map((i) => items[i]!);
  }
  // A heap of the best `limit` positions so far, the worst at the root.
  const heap: number[] = [];
  const worse = (a: number, b: number) => ranked(a, b) > 0;
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && worse(heap[l]!, heap[worst]!)) worst = l;
      if (r < heap.length && worse(heap[r]!, heap[worst]!)) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  for (let i = 0; i < items.length; i++) {
    if (heap.length < limit) {
      heap.push(i);
      for (let j = heap.length - 1; j > 0; ) {
        const parent = (j - 1) >> 1;
        if (!worse(heap[j]!, heap[parent]!)) break;
        [heap[j], heap[parent]] = [heap[parent]!, heap[j]!];
        j = parent;
      }
    } else if (worse(heap[0]!, i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort(ranked).map((i) => items[i]!);
}
