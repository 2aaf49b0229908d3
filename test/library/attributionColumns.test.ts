import { describe, expect, it } from "vitest";
import type { Attribution } from "../../src/attribution/attribution.js";
import { AttributionList, attributionCount, attributionOf, checkAttributions, speakerOf } from "../../src/library/attributionColumns.js";

const attribution = (over: Partial<Attribution>): Attribution => ({
  speaker: null,
  speakerDescription: null,
  kind: "none",
  via: null,
  probable: false,
  quoteOpenBefore: false,
  quoteOpenAfter: false,
  ...over,
});

const all: Attribution[] = [
  attribution({}),
  attribution({ speaker: "Anna Kovacs", speakerDescription: "Anna Kovacs, a union spokeswoman", kind: "direct", via: "named" }),
  attribution({
    speaker: "Anna Kovacs",
    speakerDescription: "Anna Kovacs, a union spokeswoman",
    kind: "direct",
    via: "pronoun",
    probable: true,
  }),
  attribution({
    speaker: "UN",
    speakerDescription: "UN",
    kind: "indirect",
    via: "continuation",
    quoteOpenBefore: true,
    quoteOpenAfter: true,
  }),
  attribution({ speaker: "Klaus Bauer", kind: "direct", via: "named", quoteOpenAfter: true }),
];

describe("attribution columns", () => {
  it("GIVEN attributions, some alike THEN each distinct one gets one id and reads back equal, its speaker without the rest", () => {
    const list = new AttributionList();
    const ids = [...all, ...all].map((a) => list.idOf(a));
    expect(ids).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
    const columns = list.columns();
    expect(attributionCount(columns)).toBe(5);
    // Names are kept once: "Anna Kovacs" and its description, "UN" once for both of its fields.
    expect(columns.names).toEqual(["Anna Kovacs", "Anna Kovacs, a union spokeswoman", "UN", "Klaus Bauer"]);
    checkAttributions(columns);
    expect(all.map((_, id) => attributionOf(columns, id))).toEqual(all);
    expect(all.map((_, id) => speakerOf(columns, id))).toEqual(all.map((a) => a.speaker));
  });

  it("GIVEN columns with a code or a name out of range THEN the check refuses them", () => {
    const columns = () => {
      const list = new AttributionList();
      for (const a of all) list.idOf(a);
      return list.columns();
    };
    const speaker = columns();
    speaker.speaker[1] = 4;
    expect(() => checkAttributions(speaker)).toThrow(/attribution 1/);
    const kind = columns();
    kind.kind[2] = 3;
    expect(() => checkAttributions(kind)).toThrow(/attribution 2/);
    const flags = columns();
    flags.flags[0] = 8;
    expect(() => checkAttributions(flags)).toThrow(/attribution 0/);
    const short = columns();
    short.via = short.via.subarray(1);
    expect(() => checkAttributions(short)).toThrow(/incomplete/);
  });
});
