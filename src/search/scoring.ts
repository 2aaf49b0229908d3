import { SEARCH } from "../tuning.js";
import { contains, type FieldPostings } from "./postings.js";

/**
 * BM25+ over FieldPostings, scored exactly as MiniSearch scores an OR query (same parameters, same
 * order of additions, a document's sum multiplied by the number of query terms it matched).
 *
 * Term at a time, as MiniSearch does, but one block of BLOCK documents at a time: every list of the
 * query is read up to the end of the block before the next block begins. What is kept per document
 * then spans a block, a few hundred kilobytes the processor keeps at hand, not the whole corpus (at
 * ten million passages, arrays of 80 MB read at random, each read a trip to memory).
 */
const { k: K, b: B, d: D } = SEARCH;
/** Documents a block (a power of two). */
const BLOCK_BITS = 14;
const BLOCK = 1 << BLOCK_BITS;

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
  matched(field: number, term: number): boolean;
}

/**
 * A document as top() returns it: its matches are read from the postings when asked. (A class, not
 * an object with a closure: a closure made for each of hundreds of results a question was a cost of
 * its own, named one by one by the loader.)
 */
class Scored implements ScoredDocument {
  constructor(
    readonly doc: number,
    readonly score: number,
    private readonly query: { terms: readonly ScoredTerm[]; fields: readonly ScoredField[] },
  ) {}

  matched(field: number, term: number): boolean {
    const postings = this.query.fields[field]!.postings;
    for (const d of this.query.terms[term]!.derived) if (contains(postings, d.term, this.doc)) return true;
    return false;
  }
}

/** One postings list of the query: a term (as one of its derived index terms) in one field. */
interface QueryList {
  /** Position of its query term. */
  term: number;
  docs: Uint32Array;
  freqs: Uint8Array;
  lengths: Uint16Array;
  averageLength: number;
  /** Its cursor, and where it ends. */
  at: number;
  end: number;
  idf: number;
  factor: number;
}

/** Scores queries over one index, with scratch space for one block reused from query to query (scoring is synchronous). */
export class Scorer {
  private readonly scores = new Float64Array(BLOCK);
  private readonly partial = new Float64Array(BLOCK);
  private readonly termsMatched = new Uint16Array(BLOCK);
  /** 0: not met in this block; 1: met, not by the current term; 2: met by the current term. */
  private readonly seen = new Uint8Array(BLOCK);
  /** The first list that met each document: what orders ties. */
  private readonly firstList = new Int32Array(BLOCK);
  private readonly touched = new Int32Array(BLOCK);
  private readonly touchedByTerm = new Int32Array(BLOCK);

  constructor(private readonly documentCount: number) {}

  /**
   * The `limit` best documents, best first; ties in the order term-at-a-time scoring first meets
   * them: by the first of the query's lists (term, then derived term, then field) that has them,
   * then by document.
   */
  top(terms: readonly ScoredTerm[], fields: readonly ScoredField[], limit: number): ScoredDocument[] {
    // The lists in the order term-at-a-time scoring reads them: sums are added up in that order.
    const lists: QueryList[] = [];
    for (const [q, term] of terms.entries()) {
      for (const { term: t, weight } of term.derived) {
        for (const field of fields) {
          const { offsets, docs, freqs, lengths, averageLength } = field.postings;
          const from = offsets[t]!;
          const to = offsets[t + 1]!;
          if (from === to) continue;
          const df = to - from;
          const idf = Math.log(1 + (this.documentCount - df + 0.5) / (df + 0.5));
          lists.push({ term: q, docs, freqs, lengths, averageLength, at: from, end: to, idf, factor: weight * term.boost * field.boost });
        }
      }
    }
    const best = new BestDocuments(limit);
    for (;;) {
      // The next block any list has a document in.
      let next = Infinity;
      for (const list of lists) if (list.at < list.end) next = Math.min(next, list.docs[list.at]! >>> BLOCK_BITS);
      if (next === Infinity) break;
      this.scoreBlock(lists, next * BLOCK, best);
    }
    const query = { terms, fields };
    return best.inOrder().map(({ doc, score }) => new Scored(doc, score, query));
  }

  /** Every list's documents in the block from `start`, term after term, each document's total then offered. */
  private scoreBlock(lists: readonly QueryList[], start: number, best: BestDocuments): void {
    const { scores, partial, termsMatched, seen, firstList, touched, touchedByTerm } = this;
    const end = start + BLOCK;
    let touchedCount = 0;
    let byTerm = 0;
    // As MiniSearch combines per-term results: each term's sum is added to the document's total.
    const endTerm = () => {
      for (let k = 0; k < byTerm; k++) {
        const d = touchedByTerm[k]!;
        scores[d]! += partial[d]!;
        termsMatched[d]!++;
        seen[d] = 1;
      }
      byTerm = 0;
    };
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i]!;
      if (i > 0 && list.term !== lists[i - 1]!.term) endTerm();
      const { docs, freqs, lengths, averageLength, idf, factor } = list;
      let at = list.at;
      for (; at < list.end; at++) {
        const doc = docs[at]!;
        if (doc >= end) break;
        const tf = freqs[at]!;
        const norm = K * (1 - B + (B * lengths[doc]!) / averageLength);
        const add = factor * (idf * (D + (tf * (K + 1)) / (tf + norm)));
        const d = doc - start;
        if (seen[d] === 0) {
          seen[d] = 1;
          firstList[d] = i;
          touched[touchedCount++] = d;
        }
        if (seen[d] === 1) {
          seen[d] = 2;
          touchedByTerm[byTerm++] = d;
          partial[d] = add;
        } else {
          partial[d]! += add;
        }
      }
      list.at = at;
    }
    endTerm();
    for (let k = 0; k < touchedCount; k++) {
      const d = touched[k]!;
      best.offer(start + d, scores[d]! * termsMatched[d]!, firstList[d]!);
      scores[d] = 0;
      termsMatched[d] = 0;
      seen[d] = 0;
    }
  }
}

/**
 * The best `limit` documents offered, by score, ties by the first list that has them and then by
 * document (the order term-at-a-time scoring meets them): a heap with the worst kept at its root.
 */
class BestDocuments {
  private readonly heap: { doc: number; score: number; list: number }[] = [];

  constructor(private readonly limit: number) {}

  offer(doc: number, score: number, list: number): void {
    const { heap } = this;
    if (heap.length === this.limit && (heap.length === 0 || !worseThan(heap[0]!, score, list, doc))) return;
    const item = { doc, score, list };
    if (heap.length < this.limit) {
      heap.push(item);
      for (let j = heap.length - 1; j > 0; ) {
        const parent = (j - 1) >> 1;
        if (!worse(heap[j]!, heap[parent]!)) break;
        [heap[j], heap[parent]] = [heap[parent]!, heap[j]!];
        j = parent;
      }
    } else {
      heap[0] = item;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let worst = i;
        if (l < heap.length && worse(heap[l]!, heap[worst]!)) worst = l;
        if (r < heap.length && worse(heap[r]!, heap[worst]!)) worst = r;
        if (worst === i) break;
        [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
        i = worst;
      }
    }
  }

  /** Best first. */
  inOrder(): { doc: number; score: number }[] {
    return [...this.heap].sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  }
}

/** Whether a ranks after b: a lower score, or the same met later. */
function worse(a: { doc: number; score: number; list: number }, b: { doc: number; score: number; list: number }): boolean {
  return worseThan(a, b.score, b.list, b.doc);
}

function worseThan(a: { doc: number; score: number; list: number }, score: number, list: number, doc: number): boolean {
  return a.score < score || (a.score === score && (a.list > list || (a.list === list && a.doc > doc)));
}
