import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attributeSpeakers } from "../../src/attribution/speakers.js";
import { TITLE_ABBREVIATIONS } from "../../src/passages/abbreviations.js";
import { passagesOf } from "../../src/passages/split.js";
import { speakersOf } from "../support/attribution.js";

// Sentences of our own, in the shapes political coverage uses (issue 21's classes).
describe("speakers in political copy", () => {
  it("GIVEN a title's abbreviation and a party and state tag THEN the name is the person's, the rest its description", () => {
    const text = [
      "Rep. Jane Doverly (D-Ore.) said the bill would fail in committee.",
      "Sen. Tom Rudd, R-Texas, said he would vote against it.",
      "Gov. Lia Marsh (R) said nothing had been decided.",
    ].join("\n");
    expect(speakersOf(text)).toEqual(["Jane Doverly", "Tom Rudd", "Lia Marsh"]);
    const [first] = attributeSpeakers(text, passagesOf({ id: "t", text }));
    expect(first!.speakerDescription).toBe("Rep. Jane Doverly");
  });

  it("GIVEN a name with an initial THEN it is never cut at the initial, before the verb or after it", () => {
    expect(speakersOf("Charles B. Morrow said the delay was expected.")).toEqual(["Charles B. Morrow"]);
    expect(speakersOf("“The delay was expected,” said Rep. Charles B. Morrow (D-N.Y.).")).toEqual(["Charles B. Morrow"]);
  });

  it("GIVEN a place, a party or initials around a name THEN the name is the person's, however the sentence is ordered", () => {
    const text = [
      "“We are ready,” said Representative Ana Ruiz of Ohio.",
      "Senator Dana Price, Democrat of Ohio, said the inquiry would go on.",
      "“It is a farce,” said Rep. J.K. Olmsted of Vermont.",
      "He added that he would not vote for it.",
      // A surname that is also a verb and a month.
      "Prime Minister Ada May said this week that talks would resume.",
    ].join("\n");
    expect(speakersOf(text)).toEqual(["Ana Ruiz", "Dana Price", "J.K. Olmsted", "J.K. Olmsted", "Ada May"]);
  });

  it("GIVEN a clause before the name that speaks, a party before a name, or a complaint THEN the speaker is the name", () => {
    expect(speakersOf("Thursday's march was the third time Harbour Watch said it had counted the boats.")).toEqual(["Harbour Watch"]);
    expect(speakersOf("At the debate, Democrat Ana Ruiz mentioned the closures twice.")).toEqual(["Ana Ruiz"]);
    expect(speakersOf("Residents complain that the ferry is always late.")).toEqual(["Residents"]);
    // After a preposition a name is the clause's object, not its subject.
    expect(speakersOf("The banks that moved to Linux said costs fell.")[0]).not.toBe("Linux");
  });

  it("GIVEN a name ending in a word that is also an adverb, or a source with when it came out THEN the name is whole and the source bare", () => {
    expect(speakersOf("A reporter for Harbour Today said the ferry was late.")).toEqual(["reporter for Harbour Today"]);
    expect(speakersOf("The union later said it would strike.")).toEqual(["union"]);
    expect(speakersOf("Turnout rose, according to a Ledger/Channel 4 poll released last week.")).toEqual(["Ledger/Channel 4 poll"]);
  });

  it("GIVEN a verb of saying followed by a clause THEN the clause is never the speaker", () => {
    expect(speakersOf("Officials said the inquiry would go on.")).toEqual(["Officials"]);
    expect(speakersOf("Asked about it, the minister said the inquiry would go on.")[0]).not.toMatch(/inquiry/);
  });

  it("GIVEN a verb before the verb of saying THEN the subject is the people, not the verbs", () => {
    expect(speakersOf("Small groups of protesters continued to call for an inquiry.")).toEqual(["Small groups of protesters"]);
  });

  it("GIVEN speech reported as calling for something, calling it something, or a paper reporting THEN the subject speaks", () => {
    expect(speakersOf("Republican nominee Tom Vance has called for a ban on the trade.")).toEqual(["Tom Vance"]);
    expect(speakersOf("Rep. Alan Whitby called the plan “a disgrace.”")).toEqual(["Alan Whitby"]);
    expect(speakersOf("The Daily Ledger reports that the vote was delayed.")).toEqual(["Daily Ledger"]);
    // Calling someone is not speaking of something; a noun "reports" is not a verb.
    expect(speakersOf("Neighbours called the police at midnight.")).toEqual([null]);
    expect(speakersOf("The reports were filed on Monday.")).toEqual([null]);
  });

  it("GIVEN an outlet's writer THEN the writer is the name, the outlet the description", () => {
    expect(speakersOf("Harbour Gazette's Lena Fisk wrote that turnout fell.")).toEqual(["Lena Fisk"]);
    expect(speakersOf("“Turnout fell,” wrote Lena Fisk for Harbour Gazette.")).toEqual(["Lena Fisk"]);
  });

  it("GIVEN people who have not said something THEN they are still its source", () => {
    expect(speakersOf("Lawmakers have not said when they will vote.")).toEqual(["Lawmakers"]);
  });

  it("GIVEN a transcript's turns THEN each paragraph is its tagged speaker's, named in full when the article named them", () => {
    const text = [
      "Senator Maria Okafor joined the programme on Sunday.",
      "HOST: Let us begin with the budget. Do you support it?",
      "OKAFOR: I do not. It cuts too much from schools.",
    ].join("\n");
    expect(speakersOf(text)).toEqual([null, "Host", "Host", "Maria Okafor", "Maria Okafor"]);
    // A transcript quoted whole is still its speakers'.
    expect(speakersOf("“KANE: We will win. The polls are wrong.”")).toEqual(["Kane", "Kane"]);
  });

  it("GIVEN any sentence of titles, initials and tags THEN the speaker is never a title, an initial, a function word or a verb", () => {
    const title = fc.constantFrom("Rep.", "Sen.", "Gov.", "Gen.", "Rev.", "Dr.", "Mr.", "Mrs.", "Ms.", "Lt.", "Sgt.", "Prof.");
    const first = fc.constantFrom("Alma", "Boris", "Celia", "Dmitri", "Edna", "Farid");
    const initial = fc.constantFrom("", "B. ", "J. ", "K. ");
    const last = fc.constantFrom("Quist", "Rowan", "Sallow", "Tendai", "Umber");
    const tag = fc.constantFrom("", " (D-Ore.)", " (R-Texas)", ", R-Ga.,", " (I-Vt.)");
    const verb = fc.constantFrom("said", "told reporters", "argued", "denied", "called for");
    const opener = fc.constantFrom("", "On Monday, ", "But ", "In a statement, ");
    fc.assert(
      fc.property(opener, title, first, initial, last, tag, verb, (o, t, f, i, l, g, v) => {
        const sentence = `${o}${t} ${f} ${i}${l}${g} ${v} that the measure would pass.`;
        const [speaker] = speakersOf(sentence);
        expect(speaker).toBe(`${f} ${i}${l}`);
        const words = speaker!.split(" ");
        expect(words.some((w) => TITLE_ABBREVIATIONS.has(w.replace(/\.$/, "").toLowerCase()))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
