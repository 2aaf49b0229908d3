import { describe, expect, it } from "vitest";
import { wordList } from "../src/wordList.js";

describe("wordList", () => {
  it("GIVEN words written as a paragraph THEN each word once in order, whatever the spacing", () => {
    expect(wordList("\n  minister president\n  secretary-general  mr\n")).toEqual(["minister", "president", "secretary-general", "mr"]);
    expect(wordList("   ")).toEqual([]);
  });
});
