import { describe, expect, it } from "vitest";
import { acronymsOf } from "../../src/search/acronyms.js";
import { indexTerm, words } from "../../src/search/terms.js";
import { areVariants, variantKey } from "../../src/search/variants.js";

describe("words", () => {
  it("GIVEN numbers, acronyms, apostrophes and hyphens THEN each is one searchable word", () => {
    expect(words("50,000 people")).toEqual(["50000", "people"]);
    expect(words("the U.N. envoy")).toEqual(["the", "un", "envoy"]);
    expect(words("Shi'ite militias aren't there")).toEqual(["shiite", "militias", "arent", "there"]);
    expect(words("Syria's war")).toEqual(["syria", "war"]);
    expect(words("Jean-Marc")).toEqual(["jean", "marc", "jeanmarc"]);
    expect(words("Café “Noir”")).toEqual(["cafe", "noir"]);
    expect(words("zero\u200bwidth soft\u00adhyphen")).toEqual(["zerowidth", "softhyphen"]);
  });

  it("GIVEN a stopword or a plural THEN the index term drops or stems it", () => {
    expect(indexTerm("the")).toBeNull();
    expect(indexTerm("villages")).toBe(indexTerm("village"));
    expect(indexTerm("50000")).toBe("50000");
  });

  it("GIVEN an irregular verb's past or participle THEN it is the base form's term, unless it is a noun in its own right", () => {
    expect(indexTerm("held")).toBe(indexTerm("hold"));
    expect(indexTerm("began")).toBe(indexTerm("begin"));
    expect(indexTerm("fought")).toBe(indexTerm("fighting"));
    // "wounds" are injuries, not winding; "saw" is a verb of its own.
    expect(indexTerm("wound")).not.toBe(indexTerm("wind"));
    expect(indexTerm("saw")).not.toBe(indexTerm("see"));
  });
});

describe("spelling variants", () => {
  it("GIVEN two transliterations of one name THEN they are variants", () => {
    expect(areVariants("fua", "foua")).toBe(true);
    expect(areVariants("kafraya", "kefraya")).toBe(true);
    expect(areVariants("shia", "shiite")).toBe(true);
    expect(variantKey("kafraya")).toBe(variantKey("kefraya"));
  });

  it("GIVEN different words that merely sound alike THEN they are not variants", () => {
    expect(areVariants("fua", "fee")).toBe(false);
    expect(areVariants("syria", "serbia")).toBe(false);
  });
});

describe("acronymsOf", () => {
  it("GIVEN multi-word names THEN their initials, without 'The', joining words or '-based' modifiers", () => {
    expect(acronymsOf("The International Monetary Fund warned.")).toEqual(["IMF"]);
    expect(acronymsOf("The UK-based Syrian Observatory for Human Rights said")).toEqual(["SOHR"]);
    expect(acronymsOf("the United Nations")).toEqual(["UN"]);
    expect(acronymsOf("nothing here")).toEqual([]);
  });
});
