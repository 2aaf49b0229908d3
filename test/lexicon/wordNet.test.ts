import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WordNet, wordNet } from "../../src/lexicon/wordNet.js";
import { indexTerm } from "../../src/search/terms.js";

const lexicon = wordNet()!;
const term = (word: string) => indexTerm(word)!;

describe("WordNet's relations of a word", () => {
  it("GIVEN a verb THEN its synonyms and the nouns derived from it are the same sense, its opposite apart", () => {
    const decide = lexicon.relationsOf("decide");
    expect(decide.same).toContain(term("decision"));
    expect(decide.same).toContain(term("determine"));
    expect(lexicon.relationsOf("win").opposite).toContain(term("lose"));
  });

  it("GIVEN an inflected word THEN its base form's relations are found", () => {
    expect(lexicon.relationsOf("decided").same).toContain(term("decision"));
    expect(lexicon.relationsOf("cities").kin).toEqual(lexicon.relationsOf("city").kin);
  });

  it("GIVEN a noun THEN broader and narrower words are kin, not the same", () => {
    const car = lexicon.relationsOf("car");
    expect(car.same).toContain(term("automobile"));
    expect(car.kin).toContain(term("cab"));
    expect(car.same).not.toContain(term("cab"));
    expect(lexicon.relationsOf("city").kin).toContain(term("municipality"));
  });

  it("GIVEN a word WordNet lacks, or no database THEN there are no relations, and nothing fails", () => {
    const none = lexicon.relationsOf("zorblat");
    expect(none.same.size + none.kin.size + none.opposite.size).toBe(0);
    expect(WordNet.open(path.join(mkdtempSync(path.join(os.tmpdir(), "citebot-wordnet-")), "absent"))).toBeNull();
  });
});
