import { describe, expect, it } from "vitest";
import { isGivenName, usualGenderOf } from "../../src/lexicon/firstNames.js";

describe("first names", () => {
  it("GIVEN a given name THEN the sex it usually goes with; none for names given to both, or for words that are not names", () => {
    expect(usualGenderOf("Dorothy")).toBe("female");
    expect(usualGenderOf("Gregory")).toBe("male");
    expect(usualGenderOf("Morgan")).toBeNull();
    expect(usualGenderOf("Velo")).toBeNull();
    expect(usualGenderOf("BBC")).toBeNull();
  });

  it("GIVEN a word THEN it is a given name when the lists know it, of either sex", () => {
    expect(isGivenName("Morgan")).toBe(true);
    expect(isGivenName("Dorothy")).toBe(true);
    expect(isGivenName("Velo")).toBe(false);
    // The list has words English uses otherwise: those say nothing.
    expect(isGivenName("Kingdom")).toBe(false);
    expect(isGivenName("Hall")).toBe(false);
    expect(isGivenName("harbour")).toBe(false);
  });
});
