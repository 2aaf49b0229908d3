import { describe, expect, it } from "vitest";
import { answerProbability, answers, type Evidence, reasonFor } from "../../src/answer/answerability.js";
import { ask, judgeCandidates } from "../../src/answer/ask.js";
import { analyzeQuestion } from "../../src/question/analyze.js";
import { libraryOf } from "../support/corpus.js";

const library = libraryOf({
  rally: [
    "Thousands of teachers rallied in Kessel on Tuesday to demand higher pay.",
    "The unions said more than 15,000 people registered for the rally.",
    "Governor Ana Ruiz was away at a conference.",
  ].join("\n"),
  levee: ["The levee broke after a week of rain, flooding the lower town.", "Engineers said the levee was old and poorly kept."].join("\n"),
});

const evidence = (overrides: Partial<Evidence> = {}): Evidence => ({
  coverage: 0.8,
  ownCoverage: 0.8,
  namesMissing: 0,
  namesElsewhere: 0,
  focusMissing: 0,
  typeMissing: 0,
  speakerMissing: 0,
  strength: 1,
  nearCoverage: 0.8,
  softCoverage: 0.8,
  phrases: 0.5,
  similarity: 0.6,
  unknownNames: 0,
  known: 1,
  articleCoverage: 1,
  nearbyCoverage: 0.8,
  rarestMissing: 0,
  negationMismatch: 0,
  logStrength: 1,
  lexicalCoverage: 0.8,
  opposite: 0,
  ...overrides,
});

describe("whether the articles answer", () => {
  it("GIVEN a name the passage leaves to its article THEN the passage still answers", () => {
    const answer = ask(library, "How many people registered for the Kessel rally?");
    expect(answer.answered).toBe(true);
    expect(answer.passages[0]!.text).toBe("The unions said more than 15,000 people registered for the rally.");
  });

  it("GIVEN passages without the kind of answer asked for THEN none answers, however many words they share", () => {
    const answer = ask(library, "How many homes were flooded in the lower town when the levee broke?");
    expect(answer.passages[0]!.text).toMatch(/levee broke/);
    expect(answer.answered).toBe(false);
    expect(answer.reason).toMatch(/never give a number/);
    expect(answer.passages.every((p) => p.relevance === "related")).toBe(true);
  });

  it("GIVEN a question about what someone said THEN a passage they did not say never answers, however likely", () => {
    expect(answers(0.99, evidence())).toBe(true);
    expect(answers(0.99, evidence({ speakerMissing: 1 }))).toBe(false);
    const answer = ask(library, "What did Ana Ruiz say about the rally?");
    expect(answer.answered).toBe(false);
    expect(answer.reason).toMatch(/do not quote that speaker/);
  });

  it("GIVEN a passage in other words THEN it covers the question by meaning, but never a name by another", () => {
    const judged = (question: string) => {
      const q = analyzeQuestion(question, library.index, library.vectors);
      return judgeCandidates(library, q, false).find((j) => library.passages.at(j.hit.doc)!.text.startsWith("Engineers"))!.evidence;
    };
    const reworded = judged("Did builders think the dike was ancient and badly maintained?");
    expect(reworded.coverage).toBe(0);
    expect(reworded.softCoverage).toBeGreaterThan(0.3);
    // "Ana" and "Ruiz" are names: a passage has them as written or not at all.
    expect(judged("Did Ana Ruiz think the levee was old?").softCoverage).toBeLessThan(
      judged("Did engineers think the levee was old?").softCoverage,
    );
  });

  it("GIVEN evidence that lacks what the question requires THEN the probability of an answer falls", () => {
    const full = answerProbability(evidence(), 1);
    for (const missing of ["namesMissing", "typeMissing", "focusMissing", "speakerMissing", "unknownNames"] as const) {
      expect(answerProbability(evidence({ [missing]: 1 }), 1)).toBeLessThan(full);
    }
    expect(
      answerProbability(evidence({ coverage: 0.2, ownCoverage: 0.2, nearCoverage: 0.2, softCoverage: 0.2, strength: 0.2, known: 0.3 }), 1),
    ).toBeLessThan(full);
  });

  it("GIVEN an abstention THEN the reason says what the articles lack", () => {
    const ask_ = (q: string) => analyzeQuestion(q, library.index, library.vectors);
    const when = ask_("When did the levee break?");
    expect(reasonFor(when, { evidence: evidence({ typeMissing: 1 }), matched: new Set(["leve", "break"]) }, new Set())).toMatch(
      /never give a date/,
    );
    const who = ask_("Who founded Zorblat?");
    expect(reasonFor(who, { evidence: evidence(), matched: new Set() }, new Set())).toMatch(/never mention Zorblat/);
    expect(reasonFor(who, null, new Set())).toMatch(/Nothing in the articles matches/);
    const unknown = ask(library, "Who founded Zorblat Industries?");
    expect(unknown.answered).toBe(false);
    // The name as the question writes it, not one word of it.
    expect(unknown.reason).toMatch(/never mention Zorblat Industries\./);
    expect(ask(library, "What did Quentin Vosk say about the rally?").reason).toMatch(/never mention Quentin Vosk\./);
  });
});
