import { describe, expect, it } from "vitest";
import { PassageWordsBuilder } from "../../src/passages/passageWords.js";
import { words } from "../../src/search/terms.js";
import { embeddings } from "../../src/vectors/embeddings.js";
import { SentenceVectors } from "../../src/vectors/passageMeaning.js";
import { VectorTable } from "../../src/vectors/table.js";

const SENTENCES = [
  "The ferry to the island was cancelled because of high winds.",
  "Voters queued outside polling stations from early morning.",
  "A virus attacked the software of several cash machines at the bank.",
  "The harvest was the best in a decade, farmers said.",
  "The striker scored twice in the second half.",
  "Teachers marched on the parliament demanding higher pay.",
  "The manufacturer recalled thousands of cars with faulty brakes.",
];

function table(sentences = SENTENCES) {
  const sentenceWords = sentences.map((s) => words(s));
  const english = new SentenceVectors(embeddings()!);
  const passages = new PassageWordsBuilder();
  for (const w of sentenceWords) passages.add(w);
  const meaning = english.passagesByMeaning(passages.build(), english.commonComponent(sentenceWords));
  return VectorTable.build(embeddings()!, new Set(sentenceWords.flat()), meaning);
}

describe("the corpus's word vectors", () => {
  it("GIVEN a question word the corpus lacks THEN its nearest corpus words are found by meaning", () => {
    const t = table();
    expect(t.neighbours("electorate", 3, 0.5).map((n) => n.word)).toContain("voters");
    expect(t.neighbours("automaker", 3, 0.5).map((n) => n.word)).toContain("manufacturer");
    // Never itself, never a word outside the corpus.
    expect(t.neighbours("voters", 5, 0).map((n) => n.word)).not.toContain("voters");
    expect(t.neighbours("voters", 50, 0).every((n) => SENTENCES.some((s) => words(s).includes(n.word)))).toBe(true);
    expect(t.neighbours("zzqxj", 3, 0)).toEqual([]);
  });

  it("GIVEN a word and a passage's words THEN how close the nearest of them is in meaning", () => {
    const t = table();
    const passage = words("The manufacturer recalled thousands of cars with faulty brakes.");
    expect(t.closest("cars", passage)).toBe(1);
    expect(t.closest("automaker", passage)).toBeGreaterThan(t.closest("harvest", passage));
    expect(t.closest("zzqxj", passage)).toBe(0);
    expect(t.closest("automaker", [])).toBe(0);
  });

  it("GIVEN words of English THEN their frequency ranks order them, commonest first", () => {
    const t = table();
    expect(t.rankOf("the")).toBe(0);
    expect(t.rankOf("make")).toBeLessThan(t.rankOf("ferry"));
    expect(t.rankOf("ferry")).toBeLessThan(t.rankOf("grievance"));
    expect(t.rankOf("zzqxj")).toBe(Infinity);
  });

  it("GIVEN a question worded apart from the passage THEN the passage is the nearest by meaning", () => {
    const t = table();
    const question = t.sentenceVector(words("malware infected an atm"))!;
    const nearest = t.nearestPassages(question, 2);
    expect(nearest[0]!.passage).toBe(2);
    expect(nearest[0]!.similarity).toBeGreaterThan(nearest[1]!.similarity);
    expect(t.sentenceVector(["zzqxj"])).toBeNull();
  });

  it("GIVEN the passages' vectors the build stored in bytes THEN they compare with a question as their words do", () => {
    const t = table();
    const question = t.sentenceVector(words("malware infected an atm"))!;
    SENTENCES.forEach((sentence, i) => {
      const exact = VectorTable.similarity(question, t.sentenceVector(words(sentence))!);
      expect(Math.abs(t.similarityToPassage(question, i) - exact)).toBeLessThan(0.01);
    });
    // A passage without a word that has a vector is near nothing.
    const empty = table([...SENTENCES, "zzqxj qqxzz"]);
    expect(empty.similarityToPassage(question, SENTENCES.length)).toBe(0);
  });

  it("GIVEN parts that do not fit together THEN the table is refused", () => {
    const { data } = table();
    expect(() => VectorTable.fromData({ ...data, passageVectors: data.passageVectors.subarray(1) })).toThrow(/do not fit/);
    expect(() => VectorTable.fromData({ ...data, scales: data.scales.subarray(1) })).toThrow(/do not fit/);
    expect(() => VectorTable.fromData({ ...data, center: new Float32Array(3) })).toThrow(/do not fit/);
    expect(VectorTable.fromData(data).size).toBe(data.words.length);
  });
});
