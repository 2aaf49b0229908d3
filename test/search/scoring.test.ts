import fc from "fast-check";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { FieldPostingsBuilder } from "../../src/search/postings.js";
import { bestOf, Scorer } from "../../src/search/scoring.js";

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

describe("bestOf", () => {
  it("GIVEN any scores THEN it keeps the top k of a stable sort, best first", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (scores, k) => {
        const items = scores.map((_, i) => i);
        const expected = [...items].sort((a, b) => scores[b]! - scores[a]!).slice(0, k);
        expect(bestOf(items, (i) => scores[i]!, k)).toEqual(expected);
      }),
    );
  });
});
