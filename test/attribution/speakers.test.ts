import { describe, expect, it } from "vitest";
import { attributeSpeakers } from "../../src/attribution/speakers.js";
import { passagesOf } from "../../src/passages/split.js";

/** Each passage's text with its speaker and kind. */
function attribute(text: string) {
  const passages = passagesOf({ id: "t", text });
  return attributeSpeakers(text, passages).map((a, i) => ({ text: passages[i]!.text, speaker: a.speaker, kind: a.kind, via: a.via }));
}

const speakerOf = (text: string, sentence: string) => attribute(text).find((p) => p.text.includes(sentence))?.speaker;

describe("attributeSpeakers", () => {
  it("GIVEN a quote with the speaker named after it THEN it is direct speech by that speaker", () => {
    expect(attribute('"The bridge is gone," Maria Okafor, a farmer near the river, told the BBC.')[0]).toMatchObject({
      speaker: "Maria Okafor",
      kind: "direct",
      via: "named",
    });
  });

  it("GIVEN 'told <outlet>' THEN the outlet is the addressee, never the speaker", () => {
    expect(speakerOf("Local officials told Reuters the dam had held.", "dam")).toBe("Local officials");
    expect(speakerOf('"It held," he told Reuters.', "held")).toBeNull();
  });

  it("GIVEN a title before the name THEN the speaker is the name and the title is kept in the description", () => {
    const [p] = attributeSpeakers(
      "German Interior Minister Klaus Bauer said the border would stay open.",
      passagesOf({ id: "t", text: "German Interior Minister Klaus Bauer said the border would stay open." }),
    );
    expect(p).toMatchObject({ speaker: "Klaus Bauer", speakerDescription: "German Interior Minister Klaus Bauer", kind: "indirect" });
  });

  it("GIVEN reported speech with other verbs of saying THEN each names its subject", () => {
    expect(speakerOf("The health ministry confirmed two new cases on Friday.", "cases")).toBe("health ministry");
    expect(speakerOf("Opposition groups accused the army of shelling the market.", "market")).toBe("Opposition groups");
    expect(speakerOf("The claim was denied by the port authority.", "claim")).toBe("port authority");
    expect(speakerOf("Turnout was low, according to the electoral commission.", "Turnout")).toBe("electoral commission");
  });

  it("GIVEN '…,' he said after a named speaker THEN the pronoun carries the last named person", () => {
    const text = 'Aid worker Tomas Lind said supplies were short.\n"We have water for two days," he said.';
    expect(attribute(text)[1]).toMatchObject({ speaker: "Tomas Lind", via: "pronoun", kind: "direct" });
  });

  it("GIVEN 'it said' after an institution and a person THEN 'it' takes the institution", () => {
    const text = "The Red Crescent said 40 trucks crossed. Driver Omar Haddad said the road was clear. Ten more would follow, it said.";
    expect(speakerOf(text, "Ten more")).toBe("Red Crescent");
  });

  it("GIVEN a quote over several sentences named at the end THEN every sentence of it has that speaker", () => {
    const text = '"The wells are dry. The cattle are dying. We need rain," said Amina Yusuf, a village elder.';
    const passages = attribute(text);
    expect(passages).toHaveLength(3);
    for (const p of passages) expect(p.speaker).toBe("Amina Yusuf");
    expect(passages[0]!.via).toBe("continuation");
  });

  it("GIVEN a quote that continues after its attribution THEN the continuation keeps the speaker", () => {
    const text = '"We stayed," Nadia Karim said. "There was nowhere to go."';
    expect(attribute(text).map((p) => p.speaker)).toEqual(["Nadia Karim", "Nadia Karim"]);
  });

  it("GIVEN a later mention by surname THEN the speaker is the full name given earlier", () => {
    const text = "Police chief Aldo Ferri said the crowd was calm.\nFerri said no one was arrested.";
    expect(attribute(text).map((p) => p.speaker)).toEqual(["Aldo Ferri", "Aldo Ferri"]);
  });

  it("GIVEN plain narration, a passive without an agent and a scare quote THEN nobody speaks", () => {
    const text = 'The convoy left at dawn. It was announced that the border would close. Locals call it the "long road".';
    expect(attribute(text).map((p) => p.speaker)).toEqual([null, null, null]);
  });

  it("GIVEN 'the agency also said' THEN the description points back to the agency named before", () => {
    const text = "A state news agency said the talks had stalled.\nThe agency also said a new round was planned.";
    expect(attribute(text)[1]!.speaker).toBe("state news agency");
  });

  it("GIVEN an age or a name in apposition THEN the name is the speaker, and 'told' never takes its object", () => {
    const text = [
      "Governor Lena Brandt said on Monday the peg would hold.",
      '"We will not devalue," Brandt, 61, told reporters in Vienna.',
      "A spokesman for the central bank, Piet Olsen, said reserves were ample.",
      'Asked about the date, Olsen said: "Soon."',
    ].join("\n");
    expect(attribute(text).map((p) => p.speaker)).toEqual(["Lena Brandt", "Lena Brandt", "Piet Olsen", "Piet Olsen"]);
  });

  it("GIVEN 'According to X,' at the start and '\"…,\" said X' THEN X is the speaker", () => {
    expect(speakerOf("According to firefighters, the blaze began at noon.", "blaze")).toBe("firefighters");
    expect(speakerOf('"It is over," said Ruth Amsel, a baker.', "over")).toBe("Ruth Amsel");
  });

  it("GIVEN bidirectional controls or a markdown prefix around a name THEN the name shown is the name alone", () => {
    expect(speakerOf('"The vote was fair," said \u202eJana Novak\u202c.', "vote")).toBe("Jana Novak");
    expect(speakerOf(">>> Jana Novak said the vote was fair.", "vote")).toBe("Jana Novak");
    expect(speakerOf("# Jana\u200b Novak said the vote was fair.", "vote")).toBe("Jana Novak");
  });

  it("GIVEN a local title before the name THEN it is not part of the name", () => {
    for (const title of ["Councillor", "Cllr", "Alderman", "Sheriff", "Commissioner", "Superintendent", "Assemblywoman"]) {
      expect(speakerOf(`"We will reopen the library," said ${title} Jana Novak.`, "library")).toBe("Jana Novak");
    }
  });
});
