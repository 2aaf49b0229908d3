import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invisibleNote, markInvisible, showsMarks } from "../../src/render/invisible.js";

const BIDI = ["\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];
const ZERO_WIDTH = ["\u200b", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\ufeff", "\u180e", "\u115f", "\u1160", "\u3164", "\uffa0"];
const mark = (c: string) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`;

describe("markInvisible", () => {
  it("GIVEN every bidi control and every invisible character, between Latin letters THEN each is a mark naming it", () => {
    for (const c of [...BIDI, ...ZERO_WIDTH, "\u200c", "\u200d"]) expect(markInvisible(`ab${c}cd`), mark(c)).toBe(`ab${mark(c)}cd`);
    expect(markInvisible("\u202eevil\u202c")).toBe("⟨U+202E⟩evil⟨U+202C⟩");
    expect(markInvisible("mid\ufefftext")).toBe("mid⟨U+FEFF⟩text");
  });

  it("GIVEN emoji joined by ZWJ THEN they are left as they are", () => {
    for (const emoji of ["👨\u200d👩\u200d👧", "🏳️\u200d🌈", "👩🏽\u200d💻", "❤️\u200d🔥", "🏃\u200d♀️", "🏴\u200d☠️"])
      expect(markInvisible(`a ${emoji} b`)).toBe(`a ${emoji} b`);
  });

  it("GIVEN Persian words with ZWNJ and Devanagari conjuncts with ZWJ or ZWNJ THEN they are left as they are", () => {
    for (const word of ["می\u200cخواهم", "کتاب\u200cها", "خانه\u200cای", "क्\u200dष", "क्\u200cष", "ᠨᠠ\u180eᠠ"])
      expect(markInvisible(word)).toBe(word);
  });

  it("GIVEN ZWJ or ZWNJ out of place (at an end, between Latin letters, emoji and a letter, doubled) THEN it is marked", () => {
    expect(markInvisible("\u200dمی")).toBe("⟨U+200D⟩می");
    expect(markInvisible("می\u200c")).toBe("می⟨U+200C⟩");
    expect(markInvisible("👨\u200da")).toBe("👨⟨U+200D⟩a");
    expect(markInvisible("👨\u200d\u200d👩")).toBe("👨⟨U+200D⟩⟨U+200D⟩👩");
    expect(markInvisible("a\u180eb")).toBe("a⟨U+180E⟩b");
  });

  it("GIVEN a soft hyphen or ordinary text THEN nothing changes", () => {
    expect(markInvisible("Bundes\u00adregierung said: “No.”")).toBe("Bundes\u00adregierung said: “No.”");
  });

  it("GIVEN any text THEN no bidi control is left, and taking the marks out gives the text back", () => {
    const text = fc
      .array(
        fc.oneof(
          fc.constantFrom(...BIDI, ...ZERO_WIDTH, "\u200c", "\u200d", "👩", "می", "a", " "),
          fc.string({ unit: "grapheme", maxLength: 4 }),
        ),
        {
          maxLength: 30,
        },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (t) => {
        const shown = markInvisible(t);
        expect(shown).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
        expect(shown.replace(/⟨U\+([0-9A-F]{4})⟩/g, (_, hex) => String.fromCodePoint(Number.parseInt(hex, 16)))).toBe(t);
        expect(showsMarks(shown)).toBe(shown !== t || showsMarks(t));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("invisibleNote", () => {
  it("GIVEN what holds the marks THEN a sentence naming it, saying an article is unchanged", () => {
    expect(invisibleNote("question")).toBe("The question holds invisible or direction-changing characters, shown as ⟨U+…⟩ marks.");
    expect(invisibleNote("article")).toBe(
      "Text from the article holds invisible or direction-changing characters, shown as ⟨U+…⟩ marks; the article is unchanged.",
    );
  });
});
