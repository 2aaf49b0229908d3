import { describe, expect, it } from "vitest";
import { adjacentPairs, analyzeQuestion } from "../../src/question/analyze.js";
import { needsFuzzy } from "../../src/search/passageIndex.js";
import { words } from "../../src/search/terms.js";
import { libraryOf } from "../support/corpus.js";

const library = libraryOf({
  strike: [
    "Teachers from 300 school districts rallied outside the Statehouse on Tuesday.",
    "Governor Ana Ruiz was in Florida for a conference, her office said.",
    "The Governor did not meet the union.",
    "Ruiz said a pay commission would report in the spring.",
    "Ruiz has promised raises before.",
    "Ruiz, a former mayor, said the state had no money to spare.",
    "Union leader Tomas Brandt told BBC News Online the rally was the biggest in years.",
    "Teachers shared the online petition widely.",
    "The union could face a fine of up to £5,000 if it keeps striking.",
    "Voters will decide in May.",
    "Turnout was higher than the union expected, which made the governor nervous.",
  ].join("\n"),
});
const analyse = (question: string) => analyzeQuestion(question, library.index, library.vectors);
const names = (question: string) => analyse(question).names.map((t) => t.word);

describe("what a question asks", () => {
  it("GIVEN a question written with capitals THEN its own capitals say which words are names", () => {
    // "Governor" is mostly capitalised in the articles, but the question writes it as a common noun.
    expect(names("Where was Florida's governor while teachers rallied at the Statehouse?")).toEqual(["florida", "statehouse"]);
  });

  it("GIVEN a question all in lower case THEN the names are the words the articles capitalise mid-sentence", () => {
    // "Ruiz" opens most of its sentences, which says nothing: mid-sentence it is always capitalised.
    expect(names("what did ruiz say about the pay commission")).toEqual(["ruiz"]);
    // "Online" capitalised once and lower case once is no name.
    expect(names("where was the online petition shared")).toEqual([]);
  });

  it("GIVEN what/which/how many THEN the focus is the head of the phrase asked about, not a name nor the kind of answer", () => {
    expect(analyse("How many Indiana school districts closed?").focus).toBe(analyse("districts").terms[0]!.term);
    expect(analyse("What was the turnout of the rally in the districts?").focus).toBe("turnout");
    // An amount of money says itself what it is: the fine is "£5,000", with or without the word.
    expect(analyse("What is the biggest fine the union could face?").focus).toBeNull();
    // A hyphenated word is one word of the phrase: the head of "made-up name" is "name", a kind of answer.
    expect(analyse("What made-up name did the union give the rally?").focus).toBeNull();
    expect(analyse("What percentage of teachers rallied?").focus).toBeNull();
    expect(analyse("Which city was the governor in?").focus).toBeNull();
    expect(analyse("Did the governor meet the union?").focus).toBeNull();
  });

  it("GIVEN one of English's common words the articles lack THEN it is taken as spelled right, never matched fuzzily", () => {
    const term = (question: string, word: string) => analyse(question).terms.find((t) => t.word === word)!;
    expect(needsFuzzy(term("What is the capital of Florida?", "capital"))).toBe(false);
    expect(needsFuzzy(term("Where did the teachrs rally?", "teachrs"))).toBe(true);
  });

  it("GIVEN a question THEN its phrases are its content words side by side, stopwords set aside", () => {
    expect(analyse("Who was named best actor at the ceremony?").phrases).toEqual([
      ...adjacentPairs(["named", "best", "actor", "ceremony"]),
    ]);
    expect([...adjacentPairs(words("the best actor at the ceremony"))]).toEqual(["best actor", "actor ceremoni"]);
    expect(adjacentPairs(words("an actor, the best")).has("best actor")).toBe(false);
  });

  it("GIVEN 'what did X say' THEN X is the speaker asked about", () => {
    expect(analyse("What did Tomas Brandt say about the rally?").speakerTerms).toEqual(analyse("Tomas Brandt").terms.map((t) => t.term));
    expect(analyse("What did the rally show?").speakerTerms).toEqual([]);
  });

  it("GIVEN a word the articles do not use THEN its nearest corpus words in meaning are searched too; never for names or the commonest words", () => {
    const electorate = analyse("When will the electorate decide?").terms.find((t) => t.word === "electorate")!;
    expect(electorate.neighbours.map((n) => n.term)).toContain("voter");
    expect(analyse("Did Ruiz make promises?").terms.find((t) => t.word === "make")!.neighbours).toEqual([]);
    expect(analyse("Did Ruiz make promises?").terms.find((t) => t.word === "ruiz")!.neighbours).toEqual([]);
  });
});
