/**
 * Characters a reader cannot see that can reorder or hide what they read, shown as marks such as
 * `⟨U+202E⟩` in what is displayed (never in what is stored, searched, linked or printed as JSON).
 */

/**
 * Always marked: every bidi control (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069); the
 * zero-width space, word joiner and invisible operators (U+200B, U+2060–U+2064); the deprecated format
 * controls (U+206A–U+206F, unused in real text); the BOM (U+FEFF); the Hangul fillers (U+115F, U+1160,
 * U+3164, U+FFA0). Marked unless doing their job (see `isJoining`): ZWNJ and ZWJ (U+200C, U+200D), and
 * the Mongolian vowel separator (U+180E). The soft hyphen (U+00AD) is left: it only says where a word
 * may break, news pages use it for that, and the reader sees the same word either way.
 */
const INVISIBLE = /[\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0]/gu;

/** Letters (and the viramas and vowel signs between them) of scripts that join, or break a join, with ZWJ and ZWNJ. */
const JOINING_SCRIPT =
  "(?=[\\p{L}\\p{M}])[\\p{scx=Arabic}\\p{scx=Syriac}\\p{scx=Nko}\\p{scx=Mongolian}\\p{scx=Devanagari}\\p{scx=Bengali}\\p{scx=Gurmukhi}\\p{scx=Gujarati}\\p{scx=Oriya}\\p{scx=Tamil}\\p{scx=Telugu}\\p{scx=Kannada}\\p{scx=Malayalam}\\p{scx=Sinhala}]";
const JOINING_BEFORE = new RegExp(`${JOINING_SCRIPT}$`, "u");
const JOINING_AFTER = new RegExp(`^${JOINING_SCRIPT}`, "u");
/** An emoji, with its presentation selector or skin tone, that a ZWJ joins to the next (👨‍👩‍👧, 🏳️‍🌈, 👩🏽‍💻). */
const PICTOGRAPH_BEFORE = /\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?$/u;
const PICTOGRAPH_AFTER = /^\p{Extended_Pictographic}/u;
const MONGOLIAN_BEFORE = /\p{sc=Mongolian}$/u;
const MONGOLIAN_AFTER = /^\p{sc=Mongolian}/u;

/** True when a joiner at `at` does its job: ZWJ between emoji; ZWJ or ZWNJ between letters of a joining script; MVS in Mongolian. */
function isJoining(text: string, at: number): boolean {
  // Four code units before and two after hold an emoji with its modifier, or a letter.
  const before = text.slice(Math.max(0, at - 4), at);
  const after = text.slice(at + 1, at + 3);
  switch (text[at]) {
    case "\u200D":
      return (PICTOGRAPH_BEFORE.test(before) && PICTOGRAPH_AFTER.test(after)) || (JOINING_BEFORE.test(before) && JOINING_AFTER.test(after));
    case "\u200C":
      return JOINING_BEFORE.test(before) && JOINING_AFTER.test(after);
    case "\u180E":
      return MONGOLIAN_BEFORE.test(before) && MONGOLIAN_AFTER.test(after);
    default:
      return false;
  }
}

/** The text with each invisible or direction-changing character as a visible mark, `⟨U+202E⟩`; joiners doing their job kept. */
export function markInvisible(text: string): string {
  return text.replace(INVISIBLE, (c, at: number) =>
    isJoining(text, at) ? c : `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`,
  );
}

const MARK = /⟨U\+[0-9A-F]{4}⟩/;

/** True when displayed text shows a mark (or, harmlessly, text written to look like one). */
export const showsMarks = (displayed: string): boolean => MARK.test(displayed);

/**
 * Said once in a message that shows marks: what holds them and, for an article's text, that only its
 * display has changed.
 */
export function invisibleNote(holder: "question" | "claim" | "article" | "articles"): string {
  const fromArticle = holder === "article" || holder === "articles";
  const unchanged = !fromArticle ? "" : `; the ${holder} ${holder === "article" ? "is" : "are"} unchanged`;
  return `${fromArticle ? `Text from the ${holder}` : `The ${holder}`} holds invisible or direction-changing characters, shown as ⟨U+…⟩ marks${unchanged}.`;
}
