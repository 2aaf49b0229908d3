import { describe, expect, it } from "vitest";
import { entitiesIn } from "../../src/attribution/entities.js";

const named = (text: string) => entitiesIn(text).map((e) => `${e.kind}:${e.phrase}`);

describe("the people, organisations and places a sentence names", () => {
  it("GIVEN names listed with 'and' THEN each is its own name; GIVEN an organisation's name with 'and' in it THEN it stays one", () => {
    expect(named("The truce was brokered by Norway and Chile last week.")).toEqual(["single:Norway", "single:Chile"]);
    expect(named("Yesterday Mara Lindqvist and Tomas Brandt signed the accord.")).toEqual(["person:Mara Lindqvist", "person:Tomas Brandt"]);
    expect(named("The Association of Dairy and Cheese Producers objected.")).toEqual([
      "institution:Association of Dairy and Cheese Producers",
    ]);
  });

  it("GIVEN a name after 'in' or 'near' THEN it is a place, and so is each place of a list", () => {
    expect(named("Talks resumed in Lisbon and Porto on Monday.").filter((e) => e.startsWith("place:"))).toEqual([
      "place:Lisbon",
      "place:Porto",
    ]);
    expect(named("The ferry docked near Stavanger.")).toEqual(["place:Stavanger"]);
  });
});
