import { describe, expect, it } from "vitest";
import { attributeSpeakers } from "../../src/attribution/speakers.js";
import { passagesOf } from "../../src/passages/split.js";
import { speakersOf } from "../support/attribution.js";

const speakerOf = (text: string, sentence: string) => {
  const passages = passagesOf({ id: "t", text });
  const i = passages.findIndex((p) => p.text.includes(sentence));
  expect(i).toBeGreaterThanOrEqual(0);
  return attributeSpeakers(text, passages)[i]!.speaker;
};

// Sentences of our own, in the shapes news copy uses: every class of the speaker rules.
describe("speakers in news copy", () => {
  it("GIVEN the many verbs of saying beyond 'said' THEN each names its speaker", () => {
    const cases: [string, string][] = [
      ["Harbour master Ines Volk replied that the berth was full.", "Ines Volk"],
      ["The union conceded that turnout had been low.", "union"],
      ["Farmers pleaded for more time to harvest the barley.", "Farmers"],
      ["Councillor Rui Matos dismissed the figures as guesswork.", "Rui Matos"],
      ["Analyst Petra Holm speculated that rates would rise again.", "Petra Holm"],
      ["The ferry operator hinted at further cuts to the winter timetable.", "ferry operator"],
      ["Residents expressed concern about the noise from the quarry.", "Residents"],
      ["The owners were advised by lawyers not to sell the land.", "lawyers"],
      ["The company believes demand will recover by the spring.", "company"],
    ];
    for (const [sentence, speaker] of cases) expect(speakerOf(sentence, sentence.slice(0, 20))).toBe(speaker);
  });

  it("GIVEN 'But X, <role>, said' and names behind one or more appositions THEN X", () => {
    expect(speakerOf("But Oskar Brandt, the mill's owner, said the looms would stay.", "looms")).toBe("Oskar Brandt");
    expect(speakerOf("Lena Ortiz, director of Harbour Arts, a gallery in the old port, said the show would open in May.", "gallery")).toBe(
      "Lena Ortiz",
    );
    expect(speakerOf("Sami Roth, managing director of Roth Freight said the depot would close.", "depot")).toBe("Sami Roth");
    expect(speakerOf("The delays are temporary, said Mr Roth, because the new cranes arrive next week.", "delays")).toBe("Roth");
  });

  it("GIVEN a role noun after a person is named THEN it points back to that person", () => {
    const text = [
      "Transport Minister Ada Keller visited the tunnel on Monday.",
      "The minister said the work would finish in June.",
      "Coach Milo Berg watched from the stands as his side lost.",
      "The coach said his players had run out of ideas.",
      "Bolt Motors named Ines Park as chief executive last year.",
      "The chief executive said orders had doubled.",
    ].join("\n");
    expect(speakersOf(text)).toEqual([null, "Ada Keller", null, "Milo Berg", null, "Ines Park"]);
  });

  it("GIVEN an organisation through its spokesman THEN the organisation speaks, and 'he added' is that spokesman", () => {
    const text = [
      "A spokesman for the Northern Rail Company said the line would reopen on Friday.",
      '"We are sorry for the delays," he added.',
      "Velo Bikes announced a recall of 2,000 bicycles.",
      '"Safety comes first," a spokeswoman said.',
      "An Orbis Telecom spokesperson said prices would not rise.",
    ].join("\n");
    expect(speakersOf(text)).toEqual(["Northern Rail Company", "Northern Rail Company", "Velo Bikes", "Velo Bikes", "Orbis Telecom"]);
  });

  it("GIVEN 'a spokeswoman said the ministry …' THEN the ministry speaks", () => {
    expect(speakerOf("A spokeswoman said the Health Ministry had no plans to close the clinic.", "clinic")).toBe("Health Ministry");
  });

  it("GIVEN a quotation THEN its speaker is not carried into the narration after it, nor into another's quotation", () => {
    const text = [
      '"We will rebuild the school," said Mayor Ana Ruiz.',
      "The town has 4,000 residents.",
      '"It will take two years," said engineer Tom Bell.',
    ].join("\n");
    expect(speakersOf(text)).toEqual(["Ana Ruiz", null, "Tom Bell"]);
  });

  it("GIVEN 'he said' or 'she said' THEN the nearest person named before, of that sex when the article says", () => {
    const text = [
      "Nadia Osei won the sprint final, beating Carl Weber into second place.",
      '"I did not expect this," she said.',
      "Marta Lindqvist, the race director, praised the crowd.",
      "Ole Hansen, her deputy, said entries had doubled.",
      '"We need a bigger venue," he said.',
    ].join("\n");
    expect(speakersOf(text)).toEqual([null, "Nadia Osei", "Marta Lindqvist", "Ole Hansen", "Ole Hansen"]);
  });

  it("GIVEN curly, French, German and single quotation marks THEN each quotation is its speaker's", () => {
    expect(speakersOf("“The bridge is safe,” said engineer Tom Bell.\n“It was built to last.”")).toEqual(["Tom Bell", "Tom Bell"]);
    expect(speakersOf("«Nous restons ici», a déclaré le maire.\nMayor Luc Moreau said: «Nous restons.»")[1]).toBe("Luc Moreau");
    expect(speakersOf("„Wir bleiben hier“, said Mayor Jana Roth.\n„Das ist sicher.“")).toEqual(["Jana Roth", "Jana Roth"]);
    expect(speakersOf("‘It’s over,’ said captain Eli Marsh.")).toEqual(["Eli Marsh"]);
  });

  it("GIVEN a quotation whose attribution is a sentence of its own THEN that speaker", () => {
    expect(speakersOf("“Can we really afford another delay?”\nPark said.")).toEqual(["Park", "Park"]);
  });

  it("GIVEN a possessive owner ('his office', 'its spokeswoman') THEN the owner's", () => {
    const text = "Governor Rafael Ortiz did not attend the rally.\nHis office said he was travelling.";
    expect(speakersOf(text)).toEqual([null, "Rafael Ortiz's office"]);
  });

  it("GIVEN quotation marks around a term or a title THEN nobody speaks", () => {
    const text = '"We are proud," said Ada Keller.\nOnly one photo showed her pilot\'s "wings".\nThe film "Night Train" opens on Friday.';
    expect(speakersOf(text)).toEqual(["Ada Keller", null, null]);
  });

  it("GIVEN words between the speaker and the verb THEN the speaker is still found, and never the words", () => {
    expect(speakersOf("Our superintendent, Dr. Regina Cole, later told me she had been threatened.")).toEqual(["Regina Cole"]);
    expect(speakersOf("“Fear is no plan,” my predecessor, Harold Ames, once told me.")).toEqual(["Harold Ames"]);
    expect(speakersOf("The sister of a nurse who lost her savings told jurors the man had lied.")).toEqual(["sister of a nurse"]);
    expect(speakersOf("They met last week, according to two people who spoke on condition of anonymity.")).toEqual(["two people"]);
    expect(speakersOf("At the meeting, a parent stood up and called the plan “a disgrace.”")).toEqual(["parent"]);
  });

  it("GIVEN no one speaking, or a headline's passive THEN no speaker", () => {
    expect(speakersOf("Nobody on the board said a word.")).toEqual([null]);
    expect(speakersOf("Ministers accused of shelving promise on rents")).toEqual([null]);
    // The active is speech: "accused the minister of lying".
    expect(speakersOf("The union accused the minister of lying.")).toEqual(["union"]);
  });

  it("GIVEN a title, an affiliation or a dateline around a name THEN the name alone, and the dateline is nobody", () => {
    expect(speakersOf("Prosecutor Alan Reyes asked her how they met.")).toEqual(["Alan Reyes"]);
    expect(speakersOf("Ben Harcastle of the Landlords' Forum said rents would rise.")).toEqual(["Ben Harcastle"]);
    expect(speakersOf("SALEM, Ore. (AP) — Gov. Ana Ruiz said the fire was contained.")).toEqual(["Ana Ruiz"]);
    const wire = "LONDON (Reuters) - Brellin Group said it would cut jobs. The company said the cuts would come next year.";
    expect(speakersOf(wire)).toEqual(["Brellin Group", "Brellin Group"]);
  });

  it("GIVEN a public body or a role after other speakers THEN it is itself, or the one described so", () => {
    const text = "Ben Harcastle of the Landlords' Forum said rents would rise. The government rejected that characterisation.";
    expect(speakersOf(text)).toEqual(["Ben Harcastle", "government"]);
    const diplomat =
      "Helga Sorensen spoke first. A senior EU diplomat said sanctions were likely. “Nobody is talking about trade,” the diplomat said.";
    expect(speakersOf(diplomat)).toEqual([null, "senior EU diplomat", "senior EU diplomat"]);
    const anonymous = "A senior EU diplomat, speaking on condition of anonymity, said sanctions were likely.";
    expect(speakersOf(anonymous)).toEqual(["senior EU diplomat"]);
  });

  it("GIVEN a surname used for something else first, or with a particle THEN it is still the person named in full", () => {
    expect(speakersOf("We heard from the Harlan campaign. Gregory Harlan took the stage. “We won,” Harlan told supporters.")).toEqual([
      null,
      null,
      "Gregory Harlan",
    ]);
    expect(speakersOf("Pieter van Loon spoke on a call. Van Loon said the plants would close.")).toEqual([null, "Pieter van Loon"]);
  });

  it("GIVEN a role before a name, a name that looks like a title, or a name set off by commas THEN the person's name", () => {
    expect(speakersOf("Neighbour Elaine Fraser said she heard shouting.")).toEqual(["Elaine Fraser"]);
    expect(speakersOf("“We opened the school,” said Father Ilija Basic.")).toEqual(["Ilija Basic"]);
    expect(speakersOf("“I watched the replay,” Dean Achterberg told reporters.")).toEqual(["Dean Achterberg"]);
    expect(speakersOf("Elaine Fraser heard it. Her husband, Victor, said the bar had been a problem.")).toEqual([null, "Victor"]);
    expect(speakersOf("Her death was confirmed by her son, Daniel Grant, who said she died at home.")).toEqual(["Daniel Grant"]);
  });

  it("GIVEN a first name alone after the full name THEN the person, while no one else of the article has that first name", () => {
    const text = "Lena Achebe-Grant spoke first. “She cared about the work,” Lena Achebe-Grant said. “Nothing else mattered,” Lena said.";
    expect(speakersOf(text)).toEqual([null, "Lena Achebe-Grant", "Lena Achebe-Grant"]);
    // Two of one first name: neither.
    expect(speakersOf("Lena Park and Lena Fisk spoke. “It is late,” Lena said.")).toEqual([null, "Lena"]);
  });

  it("GIVEN the outlet a company spoke to, or its officer by role THEN 'the company' is still the company", () => {
    const text = "Pellworth Systems beat forecasts, its chief executive told the Ledger. According to the company, headcount grew.";
    expect(speakersOf(text)[1]).toBe("Pellworth Systems");
    // "its spokesman" is no one called "Its".
    expect(speakersOf("The ministry acted. Its spokesman said it was final.")[1]).not.toBe("Its");
  });
});
