import { describe, expect, it } from "vitest";
import type { Evidence } from "../../src/answer/answerability.js";
import { ask, judgeCandidates } from "../../src/answer/ask.js";
import { analyzeQuestion, isNegated } from "../../src/question/analyze.js";
import { words } from "../../src/search/terms.js";
import { libraryOf } from "../support/corpus.js";

// Made-up articles: a council's vote, and a harbour's storm.
const library = libraryOf({
  council: [
    "The council met on Monday evening in the old town hall.",
    "Members argued for three hours about the cost of the new bridge.",
    "Their decision to approve the bridge surprised the mayor.",
    "The mayor said the vote would not be the last word.",
    "Residents of the east bank lost their appeal against the toll.",
  ].join("\n"),
  harbour: [
    "A storm flooded the harbour at dawn.",
    "Fishing boats were lifted onto the quay by the waves.",
    "The harbour master did not expect the sea wall to hold.",
  ].join("\n"),
});

/** The evidence a question gives for the passage that starts with `start`. */
function evidenceFor(question: string, start: string): Evidence {
  const q = analyzeQuestion(question, library.index, library.vectors);
  const judged = judgeCandidates(library, q, false).find((j) => library.passages.at(j.hit.doc)!.text.startsWith(start));
  if (!judged) throw new Error(`no candidate starts with ${start}`);
  return judged.evidence;
}

describe("the evidence a passage gives", () => {
  it("GIVEN a question word the passage has only as a derived form or a synonym THEN WordNet counts it, plain coverage does not", () => {
    const e = evidenceFor("Who decided to approve the span?", "Their decision");
    expect(e.lexicalCoverage).toBeGreaterThan(e.coverage);
  });

  it("GIVEN a passage with the opposite of a question word THEN it says so", () => {
    expect(evidenceFor("Which residents won their appeal?", "Residents").opposite).toBe(1);
    expect(evidenceFor("Which residents made an appeal?", "Residents").opposite).toBe(0);
  });

  it("GIVEN a negated question or passage THEN a mismatch is marked, and agreement is not", () => {
    expect(evidenceFor("Did the harbour master expect the sea wall to hold?", "The harbour master").negationMismatch).toBe(1);
    expect(evidenceFor("Who did not expect the sea wall to hold?", "The harbour master").negationMismatch).toBe(0);
    expect(isNegated(words("They didn't know"))).toBe(true);
    expect(isNegated(words("They want to know"))).toBe(false);
  });

  it("GIVEN question words in the sentences around a passage or elsewhere in its article THEN they count for it, nearer the more", () => {
    // "council" and "Monday" are two sentences before, "hall" too; "toll" is two after.
    const e = evidenceFor("On Monday, what did the council decide about the bridge?", "Their decision");
    expect(e.nearbyCoverage).toBeGreaterThan(e.ownCoverage);
    expect(e.articleCoverage).toBeGreaterThanOrEqual(e.nearbyCoverage);
    expect(evidenceFor("What did the council decide about the boats?", "Their decision").articleCoverage).toBeLessThan(1);
  });

  it("GIVEN a passage that lacks the question's rarest word THEN rarestMissing is 1, and 0 when it has every word", () => {
    expect(evidenceFor("What did the storm flood at dawn?", "A storm").rarestMissing).toBe(0);
    expect(evidenceFor("What did the storm flood at the lighthouse?", "A storm").rarestMissing).toBeGreaterThan(0.5);
  });

  it("GIVEN the learned weights THEN a passage with the asked-for words by derivation ranks first", () => {
    const answer = ask(library, "Who was surprised when the councillors decided to approve the bridge?");
    expect(answer.passages[0]!.text).toBe("Their decision to approve the bridge surprised the mayor.");
  });
});
