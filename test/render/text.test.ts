import { describe, expect, it } from "vitest";
import { Engine } from "../../src/answer/engine.js";
import { titleFromOpening } from "../../src/library/articleCard.js";
import { buildLibrary } from "../../src/library/build.js";
import { replyJsonLines } from "../../src/render/json.js";
import { textFragmentUrl } from "../../src/render/parts.js";
import { progressLine } from "../../src/render/progressLine.js";
import { renderAnswerText, renderReplyText } from "../../src/render/text.js";
import { libraryOf } from "../support/corpus.js";

describe("text replies", () => {
  it("GIVEN one answering passage and one related THEN the heading counts the answer only, and the related one is set apart", () => {
    const engine = new Engine(
      libraryOf({ a: "The ferry to Larnaca resumed on Friday, the port said.\nLarnaca has a new café." }),
      "now",
      "t",
    );
    const answer = engine.ask("When did the ferry to Larnaca resume?", { limit: 2 });
    expect(answer.passages.map((p) => p.relevance)).toEqual(["answer", "related"]);
    const text = renderAnswerText(answer);
    expect(text).toMatch(/^Answer from the articles \(1 passage\):/);
    expect(text).toMatch(/\nRelated passages:\n\n2\. > Larnaca has a new café\./);
    // Beside the article's link, one that opens it at the quote, as Discord's button does.
    expect(text).toContain("\n   At the quote: https://example.org/a#:~:text=The%20ferry%20to%20Larnaca,Friday%2C%20the%20port%20said.\n");
  });
});

describe("who said it", () => {
  it("GIVEN a speaker worked out from 'she' THEN the reply says probably, and a speaker the sentence names it does not", () => {
    const engine = new Engine(
      libraryOf({
        a: "Harbour master Ines Volk said the berth was full.\n“We will open a second quay in May,” she said.",
      }),
      "now",
      "t",
    );
    const text = renderAnswerText(engine.ask("When will the second quay open?", { limit: 2 }));
    expect(text).toContain("Said by: probably Ines Volk (quoted; Harbour master Ines Volk)");
    expect(text).toContain("Said by: Ines Volk (reported; Harbour master Ines Volk)");
    expect(text).not.toContain("probably probably");
  });
});

describe("titles of articles without metadata", () => {
  it("GIVEN an opening sentence wrapped over two lines THEN the title is the whole sentence on one line", () => {
    const library = buildLibrary([
      { id: "bare", text: "Floods closed the\nriver road on Monday.\n\nCrews worked all night.", file: "bare.txt", metadata: null },
    ]);
    expect(library.articles[0]!.title).toBe("Floods closed the river road on Monday.");
  });

  it("GIVEN a very long opening THEN the title stops at a word, with an ellipsis", () => {
    const title = titleFromOpening(`${"Word ".repeat(40)}end.`);
    expect(title.length).toBeLessThanOrEqual(100);
    expect(title).toMatch(/Word…$/);
  });
});

describe("progress on a terminal", () => {
  it("GIVEN a terminal THEN one line rewritten in place, at most every 100 ms, and cleared before the result", () => {
    const written: string[] = [];
    let now = 0;
    const line = progressLine({ isTTY: true, write: (t) => written.push(t) }, () => now);
    line.show("Reading the corpus: 1 of 3 files");
    now = 50;
    line.show("Reading the corpus: 2 of 3 files");
    now = 200;
    line.show("Building the index");
    line.clear();
    expect(written).toEqual(["\r\x1b[2KReading the corpus: 1 of 3 files…", "\r\x1b[2KBuilding the index…", "\r\x1b[2K"]);
  });

  it("GIVEN a pipe or a file THEN nothing at all", () => {
    const written: string[] = [];
    const line = progressLine({ isTTY: false, write: (t) => written.push(t) });
    line.show("Reading");
    line.clear();
    expect(written).toEqual([]);
  });
});

describe("text fragments", () => {
  it("GIVEN a long quote, a link with a fragment, and dashes or commas in the words THEN start and end words, the old fragment replaced, escaped", () => {
    expect(textFragmentUrl("https://example.org/a#top", "One two three four five six seven eight nine ten, eleven-twelve")).toBe(
      "https://example.org/a#:~:text=One%20two%20three%20four,eight%20nine%20ten%2C%20eleven%2Dtwelve",
    );
    expect(textFragmentUrl("not a url", "x")).toBeNull();
  });
});

describe("invisible and direction-changing characters (issue 19)", () => {
  const stored = 'The ferry\u202e to Larnaca resumed on Fri\ufeffday,\u200b the port said.\n"We are back," Ana Ruiz said.';
  const engine = new Engine(libraryOf({ a: stored, b: "کتاب\u200cها می\u200cخواهم 👨\u200d👩\u200d👧 🏳️\u200d🌈 क्\u200dष." }), "now", "t");

  it("GIVEN a quote holding U+202E, a zero-width space and a BOM THEN the console shows each as a mark, with a note, and links to the exact text", () => {
    const answer = engine.ask("When did the ferry to Larnaca resume?", { limit: 1 });
    const text = renderAnswerText(answer);
    expect(text).toContain("1. > The ferry⟨U+202E⟩ to Larnaca resumed on Fri⟨U+FEFF⟩day,⟨U+200B⟩ the port said.");
    expect(text).not.toMatch(/[\u202e\u200b\ufeff]/);
    expect(text).toMatch(
      /\n\nText from the articles holds invisible or direction-changing characters, shown as ⟨U\+…⟩ marks; the articles are unchanged\.$/,
    );
    expect(text).toContain(`At the quote: ${textFragmentUrl("https://example.org/a", answer.passages[0]!.text)}\n`);
    // What is stored, and what --json prints, keep the characters as they are.
    expect(answer.passages[0]!.text).toBe(stored.slice(answer.passages[0]!.start, answer.passages[0]!.end));
    expect(answer.passages[0]!.text).toContain("\u202e");
    expect([...replyJsonLines({ kind: "answer", answer, ephemeral: false })].join("\n")).toContain("\u202e");
  });

  it("GIVEN /source of a passage holding U+202E THEN marks and a note; a Persian ZWNJ word and an emoji ZWJ sequence are left as they are", () => {
    const marked = renderReplyText({ kind: "passage", result: engine.source("a:1.1") as never, ephemeral: false });
    expect(marked).toContain("> The ferry⟨U+202E⟩ to Larnaca");
    expect(marked).toMatch(
      /Text from the article holds invisible or direction-changing characters, shown as ⟨U\+…⟩ marks; the article is unchanged\.$/,
    );
    const legit = renderReplyText({ kind: "passage", result: engine.source("b:1.1") as never, ephemeral: false });
    expect(legit).toContain("> کتاب\u200cها می\u200cخواهم 👨\u200d👩\u200d👧 🏳️\u200d🌈 क्\u200dष.");
    expect(legit).not.toMatch(/⟨U\+|holds invisible/);
  });

  it("GIVEN a claim holding U+202E THEN the claim is echoed with the mark, and a note", () => {
    const answer = { ...engine.ask("ferry\u202e resumed"), question: "ferry\u202e resumed" };
    const text = renderReplyText({ kind: "answer", answer, claim: { cutAt: null }, ephemeral: false });
    expect(text).toMatch(
      /^Checking the claim: "ferry⟨U\+202E⟩ resumed"\nThe claim holds invisible or direction-changing characters, shown as ⟨U\+…⟩ marks\./,
    );
  });
});
