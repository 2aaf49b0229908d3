import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load.js";
import { passagesOf } from "../../src/passages/split.js";
import { SEED_CORPUS } from "../support/corpus.js";

const sentences = (text: string) => passagesOf({ id: "t", text }).map((p) => p.text);

describe("passagesOf", () => {
  it("GIVEN the whole corpus THEN every passage is exactly the slice of its source between its offsets", async () => {
    const { articles } = await loadCorpus(SEED_CORPUS);
    for (const article of articles) {
      const passages = passagesOf(article);
      expect(passages.length).toBeGreaterThan(10);
      for (const p of passages) expect(article.text.slice(p.start, p.end)).toBe(p.text);
      expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
    }
  });

  it("GIVEN one paragraph per line and no final newline THEN each line is a paragraph", () => {
    const ps = passagesOf({ id: "t", text: "First line here.\nSecond line. Still second.\nThird" });
    expect(ps.map((p) => [p.paragraph, p.sentence, p.text])).toEqual([
      [1, 1, "First line here."],
      [2, 1, "Second line."],
      [2, 2, "Still second."],
      [3, 1, "Third"],
    ]);
  });

  it("GIVEN paragraphs separated by one or two blank lines THEN soft line breaks stay inside sentences", () => {
    const ps = passagesOf({ id: "t", text: "The first\nparagraph wraps.\n\n\nThe second one.\n\nThe third." });
    expect(ps.map((p) => [p.id, p.text])).toEqual([
      ["t:1.1", "The first\nparagraph wraps."],
      ["t:2.1", "The second one."],
      ["t:3.1", "The third."],
    ]);
  });

  it("GIVEN abbreviations THEN titles, initials, months and acronyms before names do not end sentences", () => {
    expect(sentences("Mr. Smith met Dr. Jones on Dec. 12 at the U.N. headquarters. John F. Kennedy was not there.")).toEqual([
      "Mr. Smith met Dr. Jones on Dec. 12 at the U.N. headquarters.",
      "John F. Kennedy was not there.",
    ]);
    expect(sentences("The vote was called by the U.N. The envoy left.")).toEqual(["The vote was called by the U.N.", "The envoy left."]);
  });

  it("GIVEN an ellipsis inside a quotation THEN the quotation is one sentence", () => {
    expect(sentences('"We waited ... It never came," she said. Then the bus left.')).toEqual([
      '"We waited ... It never came," she said.',
      "Then the bus left.",
    ]);
  });

  it("GIVEN square brackets inside a quote THEN they stay in the passage verbatim", () => {
    expect(sentences('"They are [still] firing. Nobody can move," he said.')).toEqual([
      '"They are [still] firing.',
      'Nobody can move," he said.',
    ]);
  });

  it('GIVEN a quoted question followed by its speaker THEN `"Why now?" he asked.` is one sentence', () => {
    expect(sentences('"Why now?" he asked. Nobody answered.')).toEqual(['"Why now?" he asked.', "Nobody answered."]);
  });

  it("GIVEN a quotation running over several sentences THEN each sentence is its own passage", () => {
    expect(sentences('"The road is closed. The trucks wait. We cannot leave," the driver said.')).toEqual([
      '"The road is closed.',
      "The trucks wait.",
      'We cannot leave," the driver said.',
    ]);
  });

  it("GIVEN lines of signed quotations inside one paragraph THEN each signature ends its sentence, other line breaks do not", () => {
    const paragraph = "“It is late. Nobody listens.” ― Mara Quist\n“It is a waste.” — Boris Tendai\nThe ferry\nwas late.";
    expect(sentences(`Intro.\n\n${paragraph}`)).toEqual([
      "Intro.",
      "“It is late.",
      "Nobody listens.” ― Mara Quist",
      "“It is a waste.” — Boris Tendai",
      "The ferry\nwas late.",
    ]);
  });

  it("GIVEN a US state's abbreviation after a city THEN the dateline and the sentence stay one, a real end still ends", () => {
    expect(sentences("SALEM, Ore. (AP) — The fire was contained.")).toEqual(["SALEM, Ore. (AP) — The fire was contained."]);
    expect(sentences("She moved to Salem, Ore. The next year she ran.")).toEqual(["She moved to Salem, Ore.", "The next year she ran."]);
  });

  it("GIVEN numbers with stops and commas THEN they do not split", () => {
    expect(sentences("Prices rose 3.5 percent, or $1,200.50 a year. Wages did not.")).toHaveLength(2);
  });

  it("GIVEN the same text twice THEN the ids are the same, and an edit elsewhere keeps earlier ids", () => {
    const a = passagesOf({ id: "x", text: "One.\nTwo.\nThree." }).map((p) => p.id);
    const b = passagesOf({ id: "x", text: "One.\nTwo.\nThree changed." }).map((p) => p.id);
    expect(a).toEqual(["x:1.1", "x:2.1", "x:3.1"]);
    expect(b).toEqual(a);
  });
});
