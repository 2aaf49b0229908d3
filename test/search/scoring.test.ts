import fc from "fast-check";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { FieldPostingsBuilder } from "../../src/search/postings.js";
import { type ScoredField, type ScoredTerm, Scorer } from "../../src/search/scoring.js";

const WORDS = ["a", "b", "c", "d", "e", "f", "g", "h"];
const field = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 });
const documents = fc.array(fc.record({ text: field, speaker: field }), { minLength: 1, maxLength: 40 });
const query = fc.uniqueArray(fc.record({ word: fc.constantFrom(...WORDS), boost: fc.constantFrom(1, 0.8, 0.5, 0.4) }), {
  selector: (q) => q.word,
  minLength: 1,
  maxLength: 5,
});

describe("BM25+ over typed postings", () => {
  it("GIVEN any documents and OR query THEN it ranks and scores exactly as MiniSearch does", () => {
    fc.assert(
      fc.property(documents, query, (docs, terms) => {
        const miniSearch = new MiniSearch({ fields: ["text", "speaker"], tokenize: (s) => s.split(" "), processTerm: (t) => t || null });
        for (const [id, d] of docs.entries()) miniSearch.add({ id, text: d.text.join(" "), speaker: d.speaker.join(" ") });
        const boosts = new Map(terms.map((t) => [t.word, t.boost]));
        const expected = miniSearch.search(terms.map((t) => t.word).join(" "), {
          boost: { text: 1, speaker: 0.5 },
          boostTerm: (t) => boosts.get(t) ?? 1,
          combineWith: "OR",
        });

        const text = new FieldPostingsBuilder();
        const speaker = new FieldPostingsBuilder();
        for (const d of docs) {
          text.addDocument(d.text.map((w) => WORDS.indexOf(w)));
          speaker.addDocument(d.speaker.map((w) => WORDS.indexOf(w)));
        }
        const fields = [
          { postings: text.build(WORDS.length), boost: 1 },
          { postings: speaker.build(WORDS.length), boost: 0.5 },
        ];
        const scored = terms.map((t) => ({ derived: [{ term: WORDS.indexOf(t.word), weight: 1 }], boost: t.boost }));
        const actual = new Scorer(docs.length).top(scored, fields, docs.length);

        expect(actual.map((r) => r.doc)).toEqual(expected.map((r) => r.id));
        for (const [i, r] of actual.entries()) expect(r.score).toBeCloseTo(expected[i]!.score, 9);
        actual.forEach((r, i) => {
          const matchedWords = terms.filter((_, q) => r.matched(0, q) || r.matched(1, q)).map((t) => t.word);
          expect(matchedWords.sort()).toEqual([...expected[i]!.queryTerms].sort());
        });
      }),
    );
  });

  it("GIVEN a scorer used for many queries THEN each query starts from nothing", () => {
    const text = new FieldPostingsBuilder();
    text.addDocument([0]);
    text.addDocument([1]);
    const fields = [{ postings: text.build(2), boost: 1 }];
    const scorer = new Scorer(2);
    const first = scorer.top([{ derived: [{ term: 0, weight: 1 }], boost: 1 }], fields, 10);
    const again = scorer.top([{ derived: [{ term: 0, weight: 1 }], boost: 1 }], fields, 10);
    expect(again).toHaveLength(1);
    expect(again[0]!.score).toBe(first[0]!.score);
  });
});

/**
 * Term-at-a-time scoring, as MiniSearch does it (each term's documents in a map, then the terms
 * combined), written plainly: what the document-at-a-time scorer must give, to the last bit and in
 * the same order, ties included.
 */
function termAtATime(terms: readonly ScoredTerm[], fields: readonly ScoredField[], documentCount: number, limit: number) {
  const [k, b, d] = [1.2, 0.7, 0.5];
  const scores = new Map<number, { score: number; matched: number }>();
  for (const term of terms) {
    const partial = new Map<number, number>();
    for (const { term: t, weight } of term.derived) {
      for (const field of fields) {
        const { offsets, docs, freqs, lengths, averageLength } = field.postings;
        const df = offsets[t + 1]! - offsets[t]!;
        const idf = Math.log(1 + (documentCount - df + 0.5) / (df + 0.5));
        for (let i = offsets[t]!; i < offsets[t + 1]!; i++) {
          const doc = docs[i]!;
          const tf = freqs[i]!;
          const raw = idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * lengths[doc]!) / averageLength)));
          const add = weight * term.boost * field.boost * raw;
          partial.set(doc, partial.has(doc) ? partial.get(doc)! + add : add);
        }
      }
    }
    for (const [doc, p] of partial) {
      const s = scores.get(doc) ?? { score: 0, matched: 0 };
      s.score += p;
      s.matched++;
      scores.set(doc, s);
    }
  }
  // A Map keeps the order documents were first met in; a stable sort keeps it among equals.
  return [...scores]
    .map(([doc, s]) => ({ doc, score: s.score * s.matched }))
    .sort((x, y) => y.score - x.score)
    .slice(0, limit);
}

describe("document at a time", () => {
  const words = fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 10 });
  const scoredTerms = fc.array(
    fc.record({
      derived: fc.uniqueArray(fc.record({ term: fc.integer({ min: 0, max: 9 }), weight: fc.constantFrom(1, 0.45, 0.3, 0.2) }), {
        selector: (x) => x.term,
        minLength: 1,
        maxLength: 3,
      }),
      boost: fc.constantFrom(1, 0.8, 0.5, 0.4, 0.37),
    }),
    { minLength: 1, maxLength: 6 },
  );

  it("GIVEN two documents that score the same THEN the one the earlier term matches comes first, whatever their order", () => {
    const text = new FieldPostingsBuilder();
    text.addDocument([5]);
    text.addDocument([2]);
    const fields = [{ postings: text.build(6), boost: 1 }];
    const terms = [2, 5].map((term) => ({ derived: [{ term, weight: 1 }], boost: 1 }));
    const ranked = new Scorer(2).top(terms, fields, 2);
    expect(ranked.map((r) => r.doc)).toEqual([1, 0]);
    expect(ranked[0]!.score).toBe(ranked[1]!.score);
    expect(ranked.map(({ doc, score }) => ({ doc, score }))).toEqual(termAtATime(terms, fields, 2, 2));
  });

  it("GIVEN a passage numbered past 2^31 THEN it is scored like any other (its block's start is not a negative 32-bit number)", () => {
    const doc = 2 ** 31 + 5;
    // Lengths read only at the documents listed: a stand-in for a corpus of two billion passages.
    const lengths = new Proxy(new Uint16Array(0), { get: (target, key) => (key === String(doc) ? 3 : Reflect.get(target, key)) });
    const postings = { offsets: Uint32Array.of(0, 1), docs: Uint32Array.of(doc), freqs: Uint8Array.of(1), lengths, averageLength: 3 };
    const ranked = new Scorer(doc + 1).top([{ derived: [{ term: 0, weight: 1 }], boost: 1 }], [{ postings, boost: 1 }], 5);
    expect(ranked.map((r) => r.doc)).toEqual([doc]);
    expect(ranked[0]!.score).toBeGreaterThan(0);
  });

  it("GIVEN documents over several blocks THEN each block's documents are scored and ranked as the whole corpus at once", () => {
    let seed = 3;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const text = new FieldPostingsBuilder();
    const speaker = new FieldPostingsBuilder();
    const count = 50_000;
    for (let doc = 0; doc < count; doc++) {
      // Term 0 everywhere, 1–5 sparser and sparser, 6 in a run of documents in the middle only.
      const own = [0, ...[1, 2, 3, 4, 5].filter((t) => random(4 * t) === 0), ...(doc > 20_000 && doc < 20_100 ? [6] : [])];
      text.addDocument(own.flatMap((t) => Array.from({ length: 1 + random(3) }, () => t)));
      speaker.addDocument(random(10) === 0 ? [3] : []);
    }
    const fields = [
      { postings: text.build(7), boost: 1 },
      { postings: speaker.build(7), boost: 0.5 },
    ];
    const terms = [
      { derived: [{ term: 5, weight: 1 }], boost: 1 },
      { derived: [{ term: 0, weight: 1 }], boost: 0.4 },
      {
        derived: [
          { term: 3, weight: 1 },
          { term: 6, weight: 0.45 },
        ],
        boost: 0.8,
      },
      { derived: [{ term: 1, weight: 1 }], boost: 0.37 },
    ];
    for (const limit of [1, 300, count]) {
      const actual = new Scorer(count).top(terms, fields, limit).map(({ doc, score }) => ({ doc, score }));
      expect(actual).toEqual(termAtATime(terms, fields, count, limit));
    }
  });

  it("GIVEN any documents, terms with several derived terms each, and any limit THEN it is term-at-a-time scoring exactly, ties in its order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ text: words, speaker: words }), { minLength: 1, maxLength: 60 }),
        scoredTerms,
        fc.integer({ min: 1, max: 70 }),
        (docs, terms, limit) => {
          const text = new FieldPostingsBuilder();
          const speaker = new FieldPostingsBuilder();
          for (const doc of docs) {
            text.addDocument(doc.text);
            speaker.addDocument(doc.speaker);
          }
          const fields = [
            { postings: text.build(10), boost: 1 },
            { postings: speaker.build(10), boost: 0.5 },
          ];
          const actual = new Scorer(docs.length).top(terms, fields, limit).map(({ doc, score }) => ({ doc, score }));
          expect(actual).toEqual(termAtATime(terms, fields, docs.length, limit));
        },
      ),
      { numRuns: 300 },
    );
  });
});
