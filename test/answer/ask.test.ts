import { describe, expect, it } from "vitest";
import { ask } from "../../src/answer/ask.js";
import { source } from "../../src/answer/source.js";
import { libraryOf } from "../support/corpus.js";

const library = libraryOf({
  flood: [
    "Heavy rain flooded the lower town of Marrow on Sunday, the regional council said.",
    'Engineer Dana Whitlock, who runs the pumping station, said the levee held. "We lost two pumps. Nobody was hurt," she said.',
    "About 1,200 residents were moved to a school gym.",
    "The council said schools would reopen on Wednesday.",
  ].join("\n"),
  harvest: [
    "Farmers in Kerrow reported the best barley harvest in a decade.",
    "Grain prices fell 4.5 percent in October, according to the farmers' union.",
    "It blamed cheap imports.",
  ].join("\n\n"),
});

describe("ask", () => {
  it("GIVEN a question the articles answer THEN the best passage comes first, verbatim, with its article", () => {
    const answer = ask(library, "How many residents were moved?");
    expect(answer.answered).toBe(true);
    expect(answer.passages[0]!.text).toBe("About 1,200 residents were moved to a school gym.");
    expect(answer.articles.flood!.publisher).toBe("Test Wire");
  });

  it("GIVEN a question about what someone said THEN the speaker is found even where only 'she' names her", () => {
    const answer = ask(library, "Did Whitlock say anyone was hurt?");
    const top = answer.passages[0]!;
    expect(top.text).toContain("Nobody was hurt");
    expect(top.speaker).toBe("Dana Whitlock");
    expect(answer.answered).toBe(true);
  });

  it("GIVEN a passage that leans on the sentence before THEN that sentence comes as context", () => {
    const answer = ask(library, "What did the union blame for grain prices?");
    const blamed = answer.passages.find((p) => p.text === "It blamed cheap imports.");
    expect(blamed?.context.before.map((c) => c.text)).toEqual([
      "Grain prices fell 4.5 percent in October, according to the farmers' union.",
    ]);
  });

  it("GIVEN an off-topic question THEN it is not answered", () => {
    const answer = ask(library, "Who won the chess championship in Oslo?");
    expect(answer.answered).toBe(false);
    expect(answer.reason).toMatch(/articles/);
  });

  it("GIVEN a question about a detail the articles lack THEN it is not answered, but related passages may be shown", () => {
    const answer = ask(library, "What did Whitlock say about barley?");
    expect(answer.answered).toBe(false);
    expect(answer.passages.every((p) => p.relevance === "related")).toBe(true);
  });

  it("GIVEN a question of stopwords only THEN it says there is nothing to search", () => {
    expect(ask(library, "what is it that they were?")).toMatchObject({ answered: false, passages: [] });
  });

  it("GIVEN a misspelled name THEN fuzzy matching still finds it", () => {
    expect(ask(library, "whitlok levee").passages[0]!.text).toContain("the levee held");
  });

  it("GIVEN a limit THEN no more passages than it", () => {
    expect(ask(library, "council", { limit: 1 }).passages).toHaveLength(1);
  });
});

describe("source", () => {
  it("GIVEN a passage id in any case THEN the passage with the sentences around it and its article", () => {
    const result = source(library, "FLOOD:3.1");
    expect(result.kind).toBe("passage");
    if (result.kind !== "passage") return;
    expect(result.passage.text).toBe("About 1,200 residents were moved to a school gym.");
    expect(result.before.at(-1)!.text).toContain("Nobody was hurt");
    expect(result.article.id).toBe("flood");
  });

  it("GIVEN an article id THEN its card, its passage count and who is quoted in it", () => {
    const result = source(library, "flood");
    expect(result.kind).toBe("article");
    if (result.kind !== "article") return;
    expect(result.article.passageCount).toBe(6);
    expect(result.speakers.map((s) => s.name)).toContain("Dana Whitlock");
  });

  it("GIVEN an unknown id THEN not found, with the nearest ids", () => {
    const result = source(library, "flod:3");
    expect(result.kind).toBe("not-found");
    if (result.kind !== "not-found") return;
    expect(result.suggestions.map((s) => s.id)).toContain("flood:3.1");
  });
});
