import { describe, expect, it } from "vitest";
import { checkWords, mergeWords, PassageWordsBuilder, wordsAt } from "../../src/passages/passageWords.js";
import { words } from "../../src/search/terms.js";
import { libraryOf } from "../support/corpus.js";

/** Passages of made-up words: enough distinct ones that positions need one, two and three bytes. */
const passages = Array.from({ length: 3_000 }, (_, i) => [`w${i * 7}`, "the", `w${(i * 7) % 20_000}`, `x${i}y${i * 13}`, "the"]);
const lots = Array.from({ length: 20_000 }, (_, i) => `v${i}`);

const built = (runs: readonly (readonly string[])[]) => {
  const builder = new PassageWordsBuilder();
  for (const run of runs) builder.add(run);
  return builder.build();
};

describe("passages' words", () => {
  it("GIVEN passages' words THEN each passage gives its words back in order, repeats and all", () => {
    const columns = built([lots, ...passages, []]);
    expect(columns.vocabulary.length).toBeGreaterThan(16_384);
    expect(wordsAt(columns, 0)).toEqual(lots);
    for (const [i, run] of passages.entries()) expect(wordsAt(columns, i + 1)).toEqual(run);
    expect(wordsAt(columns, passages.length + 1)).toEqual([]);
    expect(() => checkWords(columns, passages.length + 2)).not.toThrow();
  });

  it("GIVEN runs built apart THEN merged they are what one pass builds", () => {
    const whole = [lots, ...passages];
    const parts = [built(whole.slice(0, 700)), built(whole.slice(700, 701)), built(whole.slice(701))];
    expect(mergeWords(parts)).toEqual(built(whole));
  });

  it("GIVEN words that do not fit their passages THEN checking them refuses them", () => {
    const columns = built(passages.slice(0, 50));
    expect(() => checkWords(columns, 51)).toThrow(/do not match/);
    expect(() => checkWords({ ...columns, codes: columns.codes.slice(0, -1) }, 50)).toThrow(/do not match/);
    expect(() => checkWords({ ...columns, vocabulary: columns.vocabulary.slice(0, 3) }, 50)).toThrow(/not in the vocabulary/);
    const cut = Uint8Array.from(columns.codes);
    cut[columns.offsets[1]! - 1] = 0x85;
    expect(() => checkWords({ ...columns, codes: cut }, 50)).toThrow(/passage 0/);
    expect(() => checkWords(undefined, 50)).toThrow(/do not match/);
    // A vocabulary with a hole or a number in it, as a crafted snapshot could place one.
    const holed = [...columns.vocabulary];
    delete holed[2];
    expect(() => checkWords({ ...columns, vocabulary: holed }, 50)).toThrow(/other than words/);
    expect(() => checkWords({ ...columns, vocabulary: [...columns.vocabulary.slice(0, -1), 7 as unknown as string] }, 50)).toThrow(
      /other than words/,
    );
    // A word's code longer than four bytes is no word's.
    const long = { vocabulary: ["a"], offsets: Uint32Array.of(0, 5), codes: Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x00) };
    expect(() => checkWords(long, 1)).toThrow(/not in the vocabulary/);
  });

  it("GIVEN a library THEN every passage's stored words are its text's words", () => {
    const library = libraryOf({
      a: "The U.N. said 50,000 people left al-Zubdiyeh. \"We aren't leaving,\" Shi'ite elders said.",
      b: "Café owners in São Paulo reopened on Tuesday.\n\nThe mayor didn't comment.",
    });
    expect(library.passages.length).toBeGreaterThan(3);
    for (let i = 0; i < library.passages.length; i++) expect(library.passages.wordsAt(i)).toEqual(words(library.passages.textAt(i)));
  });
});
