import { describe, expect, it } from "vitest";
import { fitChoices } from "../../src/discord/interactions.js";

describe("autocomplete choices fitted to Discord's limits", () => {
  it("GIVEN ids too long to send back, names too long, and more than 25 THEN those Discord could not take are dropped or clipped at a word", () => {
    const long = `${"word ".repeat(30)}end`;
    const choices = [
      { value: "x".repeat(101), name: "an id Discord could not send back" },
      { value: "a:1.1", name: long },
      { value: "b:1.1", name: "  spaced\n\tname  " },
      ...Array.from({ length: 30 }, (_, i) => ({ value: `c:${i}.1`, name: `choice ${i}` })),
    ];
    const fitted = fitChoices(choices);
    expect(fitted).toHaveLength(25);
    expect(fitted[0]!.value).toBe("a:1.1");
    expect(fitted[0]!.name.length).toBeLessThanOrEqual(100);
    expect(fitted[0]!.name).toMatch(/^(word )+word…$/);
    expect(fitted[1]).toEqual({ value: "b:1.1", name: "spaced name" });
  });
});
