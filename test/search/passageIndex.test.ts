import { describe, expect, it } from "vitest";
import { PassageIndex } from "../../src/search/passageIndex.js";
import { libraryOf } from "../support/corpus.js";

describe("an index read back from a snapshot", () => {
  const index = libraryOf({ mill: "The mill closed in May, the owner said. Workers protested." }).index;
  const data = () => structuredClone(index.toData());

  it("GIVEN its own data THEN it searches as the original does", () => {
    const again = PassageIndex.fromSnapshot(data());
    expect(again.search(again.analyze("Why did the mill close?"), 5)).toEqual(index.search(index.analyze("Why did the mill close?"), 5));
  });

  it("GIVEN parts that do not fit together THEN it is refused, not trusted", () => {
    const pointsPastTheEnd = data();
    pointsPastTheEnd.text.docs[0] = 99;
    expect(() => PassageIndex.fromSnapshot(pointsPastTheEnd)).toThrow(/text postings do not match/);
    const shortOffsets = data();
    shortOffsets.speaker.offsets = shortOffsets.speaker.offsets.slice(1);
    expect(() => PassageIndex.fromSnapshot(shortOffsets)).toThrow(/speaker postings do not match/);
    const moreTerms = data();
    moreTerms.terms.push("extra");
    expect(() => PassageIndex.fromSnapshot(moreTerms)).toThrow(/postings do not match/);
    const fewerLeans = data();
    fewerLeans.leans = new Uint8Array(0);
    expect(() => PassageIndex.fromSnapshot(fewerLeans)).toThrow(/context links/);
  });
});
