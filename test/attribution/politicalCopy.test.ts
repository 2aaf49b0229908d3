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

  it("GIVEN quotations signed with a dash, one per line, as vox pops print them THEN each line is its signer's", () => {
    const text = [
      "We asked readers what they thought of the plan.",
      "",
      "“The ferry is late every day. Nobody listens to us.” ― Mara Quist",
      "”It is a waste of money.”― Boris J. Tendai",
      "“I like it. My children will use it.” — Celia Rowan, 34",
    ].join("\n");
    expect(speakersOf(text)).toEqual([null, "Mara Quist", "Mara Quist", "Boris J. Tendai", "Celia Rowan", "Celia Rowan"]);
    // A dash in running prose is not a signature.
    expect(speakersOf("The plan came from one person — Mara Quist.")).toEqual([null]);
  });

  it("GIVEN quotations with mixed or doubled marks THEN the attribution after them is found", () => {
    expect(speakersOf('“The fares are too high," Transport Chairman Alan Whitby (R-Ohio) said in a statement.')).toEqual(["Alan Whitby"]);
    expect(speakersOf('"The fares are too high,” said Alan Whitby, a commuter.')).toEqual(["Alan Whitby"]);
    expect(speakersOf("''That is the harbour's weakness,'' said Lena Fisk, who runs the port.")).toEqual(["Lena Fisk"]);
    // A quotation of the other mark inside one stays inside it.
    expect(speakersOf('“He told me "never" and walked off,” said Lena Fisk.')).toEqual(["Lena Fisk"]);
  });

  it("GIVEN the attribution after a quotation as the next sentence THEN the quotation is that speaker's", () => {
    const text = "“We did this together. Who would have believed it?”\nVance said, looking out at the crowd.";
    expect(speakersOf(text)).toEqual(["Vance", "Vance", "Vance"]);
    // A next sentence that says something of its own is not the quotation's attribution.
    expect(speakersOf("“It will fail.”\nBut Ana Ruiz and Lena Fisk say other changes are needed.")[0]).toBeNull();
  });

  it("GIVEN two people of one surname THEN the surname alone is the one the sentence's pronoun or the article's usage says", () => {
    const text = [
      "Dana Whitby spoke first. Her husband, Alan Whitby, followed.",
      "In her memoir, Whitby wrote that the campaign nearly broke them.",
      "Later Whitby said he had never doubted her.",
    ].join(" ");
    expect(speakersOf(text).slice(2)).toEqual(["Dana Whitby", "Alan Whitby"]);
    // Once the surname alone has meant one of them, it keeps meaning them.
    const usage = "Mara Quist met Tom Quist at the rally. Quist said the rally was the biggest yet. “We will win,” Quist said.";
    expect(speakersOf(usage)).toEqual([null, "Tom Quist", "Tom Quist"]);
  });

  it("GIVEN a speaker worked out rather than named THEN it is marked probable, and so is the rest of their quotation", () => {
    const text = [
      "Ana Ruiz opened the meeting.",
      "“We are ready,” she said. “The ferry sails on Monday.”",
      "Dana Whitby and Alan Whitby arrived late.",
      "“It is too soon,” Whitby said.",
      "“We will wait,” Ana Ruiz said.",
    ].join("\n");
    const attributions = attributeSpeakers(text, passagesOf({ id: "t", text }));
    expect(attributions.map((a) => [a.speaker, a.probable])).toEqual([
      [null, false],
      ["Ana Ruiz", true],
      ["Ana Ruiz", true],
      [null, false],
      ["Alan Whitby", true],
      ["Ana Ruiz", false],
    ]);
    // A description the sentence names its speaker by is named, not worked out.
    const port = "The ferry resumed on Friday, the port authority said.";
    expect(attributeSpeakers(port, passagesOf({ id: "t", text: port }))[0]!.probable).toBe(false);
  });

  it("GIVEN narration in the first person, or a pronoun of the other sex THEN no speaker rather than a wrong one", () => {
    expect(speakersOf("My father often said we lived in hard times. Once, I said “I don't believe it.”")).toEqual(["My father", null]);
    expect(speakersOf("Alan Whitby spoke first. To which she said, “Thank God.”")).toEqual([null, null]);
    // A first name outweighs the article's "his" about someone else.
    expect(speakersOf("Elizabeth Warren questioned the bank over his bonus. “It is not right,” she said.")).toEqual([
      null,
      "Elizabeth Warren",
    ]);
  });

  it("GIVEN a pronoun after two people THEN it is the one whose first name goes with it, unless the name is given to both sexes", () => {
    const text = "Alan Whitby introduced Dana Price at the rally. “We are ready,” she said.";
    expect(speakersOf(text)).toEqual([null, "Dana Price"]);
    // "Morgan" is given to boys and girls alike: the subject stays the likeliest "he".
    expect(speakersOf("Morgan Tendai beat rivals including Celia Rowan. He described the win as “a gift.”")).toEqual([
      null,
      "Morgan Tendai",
    ]);
  });

  it("GIVEN a quantifier before a name, a list of names, or an organisation's report THEN the speaker is the name", () => {
    expect(speakersOf("Ana Ruiz spoke. Everything Ruiz says is checked twice.")).toEqual([null, "Ana Ruiz"]);
    expect(speakersOf("Dana Price, Ana Ruiz and Lena Fisk all said the plan was wrong.")).toEqual(["Dana Price"]);
    const text = "Dana Price, Ana Ruiz and Lena Fisk all said the plan was wrong.";
    expect(attributeSpeakers(text, passagesOf({ id: "t", text }))[0]!.speakerDescription).toBe("Dana Price, with Ana Ruiz and Lena Fisk");
    expect(speakersOf("“Growth will slow,” the IMF report said.")).toEqual(["IMF"]);
    expect(speakersOf("The Harbour Refugee Processing Center said that most were admitted.")).toEqual([
      "Harbour Refugee Processing Center",
    ]);
    // An apostrophe is one character in a speaker's name, whichever the copy used.
    expect(speakersOf("Rents rose, according to Commissioner James O’Hara.")).toEqual(["James O'Hara"]);
  });

  it("GIVEN a clause after a verb of saying THEN it is neither the speaker nor hides the one before", () => {
    const text =
      "Conservative economist Ana Ruiz, who studies tax policy at the Harbour Institute, said Price's statement didn't clarify it.";
    expect(speakersOf(text)).toEqual(["Ana Ruiz"]);
    expect(speakersOf("Asked about the ferry, Ana Ruiz went on to explain how the timetable works.")).toEqual(["Ana Ruiz"]);
    expect(speakersOf("With ten days to go, Ana Ruiz, a senior adviser to Mr. Vance, called the polls “a wake-up call.”")).toEqual([
      "Ana Ruiz",
    ]);
    expect(speakersOf("Bonuses were cut every quarter, The Daily Ledger reports.")).toEqual(["Daily Ledger"]);
    expect(speakersOf("This is “the same lead she has held all month,” reported Harbour Wire.")).toEqual(["Harbour Wire"]);
    // A verb's plain form after "or", or after "to" in someone else's clause, has no subject there.
    expect(speakersOf("It is odd that he demands answers, yet refuses to pay or explain his fees.")).toEqual([null]);
    expect(speakersOf("The panel voted to hold Ana Ruiz in contempt for refusing to testify.")).toEqual([null]);
    expect(speakersOf("Ana Ruiz wouldn't say.")).toEqual(["Ana Ruiz"]);
  });

  it('GIVEN a party\'s spokesperson or a source cited with "as stated in" THEN the party and the source speak', () => {
    expect(speakersOf("A Labour spokeswoman said the party had followed the rules.")).toEqual(["Labour Party"]);
    expect(speakersOf("As stated in the harbour board's minutes, the ferry will be sold.")).toEqual(["harbour board's minutes"]);
    expect(speakersOf("The ferry was sold, as reported by the Daily Ledger.")).toEqual(["Daily Ledger"]);
    expect(speakersOf("The pump was improved, as described by Ana Ruiz in the Harbour Review.")).toEqual(["Ana Ruiz"]);
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
