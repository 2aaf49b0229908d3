import { describe, expect, it } from "vitest";
import { attributeSpeakers } from "../../src/attribution/speakers.js";
import { passagesOf } from "../../src/passages/split.js";

/** Seconds to split and attribute the text: what a reindex spends on one article. */
function secondsFor(text: string): number {
  const started = performance.now();
  attributeSpeakers(text, passagesOf({ id: "big", text }));
  return (performance.now() - started) / 1000;
}

// Inputs on which the attribution used to be quadratic (a megabyte of short quotations took 39 s,
// 100 KB of "-ing" words 5 s). Linear work does each in well under a second; the budgets leave room
// for a slow machine, and far less than quadratic time.
describe("attribution takes time in proportion to the article", () => {
  it("GIVEN a megabyte of quotations none of which names its speaker THEN seconds, not minutes", () => {
    const text = `"We will rebuild the bridge," the mayor said. ${'"It is done." '.repeat(71_000)}`;
    expect(secondsFor(text)).toBeLessThan(4);
  });

  it("GIVEN one 200 KB sentence full of verbs of saying with no subject THEN no rescan of the sentence per verb", () => {
    expect(secondsFor("adding ".repeat(30_000))).toBeLessThan(2);
    expect(secondsFor("that was said, ".repeat(14_000))).toBeLessThan(2);
  });

  it("GIVEN a long article of paragraphs of quotations THEN each paragraph's quotations are found once", () => {
    expect(secondsFor('"It is done and we will go on."\n'.repeat(31_000))).toBeLessThan(2);
  });
});
