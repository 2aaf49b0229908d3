import { wordList } from "../wordList.js";
import { baseWord, CALENDAR_WORDS, genderOf, INSTITUTION_NOUNS, isPersonRole, TITLES } from "./lexicon.js";
import { isCapitalised } from "./names.js";

/** A person or an organisation a sentence names (outside its quotations), where it names them. */
export interface EntityMention {
  /** As written, titles included: "Republican Gov. Ana Ruiz", "Association of Dairy and Cheese Producers". */
  phrase: string;
  /** Offset of the phrase in the text it was found in. */
  at: number;
  /**
   * "single": one capitalised word (a surname, a place, a brand), a person only if named in full
   * before; "place": a name after "in", "at", "near" (Geneva, the Senate's city).
   */
  kind: "person" | "institution" | "single" | "place";
  /** For a person named with a title that says it ("Mrs", "spokeswoman"). */
  gender: "male" | "female" | null;
  /** The sentence opens with it ("Mara Lindqvist picked up …"): the subject, the likeliest "she" of the next sentence. */
  opens?: boolean;
  /** A comma follows it ("Dana Whitlock, a spokeswoman,"), or a role ("named Ines Park as chief executive"). */
  described?: boolean;
  /** The role said with it: "chief executive" of "Ines Park as chief executive". */
  role?: string;
}

/** Words that join the parts of an organisation's name: "Bank of Canada", "Dairy and Cheese Producers". */
const CONNECTORS = new Set(["of", "and", "for", "the", "&", "de", "al", "el", "bin", "ibn", "van", "von", "da", "di", "le", "la"]);
/** Words that say how many or which of what follows: "Neither Clinton …", "Everything Trump says …". */
export const QUANTIFIERS = new Set(
  wordList(`
  neither either nor every each everything everyone everybody nothing nobody anyone anything someone something
  another other such few several much more less any all both no
`),
);
/** Capitalised at a sentence's start or in a heading, but not names. */
export const NOT_NAMES = new Set(
  wordList(`
  the a an but and or so yet in on at of for to from by with as if when while after before since because although though
  he she it they we i you his her its their our my your this that these those there here what who why how where which
  one two three some many most all no not mr mrs ms dr asked however meanwhile also then now last next earlier later
  despite during under over about among between into than like even still just only both whether unless until
`).concat([...QUANTIFIERS]),
);
/** Before a place's name. */
const PLACE_PREPOSITIONS = new Set(
  wordList(`
  in at near across into outside inside throughout via around towards toward
`),
);
/** First words of places' names: "South Dakota", "New York", "Los Angeles". */
const PLACE_STARTS = new Set(
  wordList(`
  north south east west northern southern eastern western new saint st san santa los las upper lower great united
  central greater mount lake port fort cape hong sri saudi costa puerto el
`),
);
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.&-]*/gu;
/** How far after a name its role is looked for: "as" and four words. */
const AFTER_NAME = 120;
/** The most that OPENING matches past where the sentence's words begin: "However, ". */
const MAX_OPENING = 24;
/** What may stand before a sentence's subject: "But", "And", "However,". */
const OPENING = /^[\s\u00b6,]*(?:(?:but|and|so|yet|however|meanwhile|still|then)\b[\s,]*)?$/i;

/**
 * The people and organisations named in a sentence's text (its quotations already masked), in order.
 * A name is a run of capitalised words, joined by `of`, `and`, `for` and the like inside an
 * organisation's name. Two to four capitalised words are a person's name, unless a word of them says
 * organisation (`Council`, `Airlines`) or is an acronym (`BT`, `AOL`, both organisations alone); a
 * title before them says person. A single capitalised word (a surname, a place, a brand) is a
 * "single", for the caller, which knows the surnames named before, to judge.
 */
export function entitiesIn(text: string): EntityMention[] {
  // A full stop ends a word unless it is an initial's or an abbreviation's ("J.", "Gov.", "U.N.").
  const words = [...text.matchAll(WORD)].map((m) => {
    const keep = !m[0].endsWith(".") || /^(?:\p{L}\.)+$/u.test(m[0]) || TITLES.has(baseWord(m[0]));
    return { word: keep ? m[0] : m[0].replace(/\.+$/, ""), at: m.index };
  });
  // Where the sentence's words begin, after blanks, masked quotations and a dateline.
  const firstWord = Math.max(0, text.search(/[^\s\u00b6,]/));
  const out: EntityMention[] = [];
  for (let i = 0; i < words.length; ) {
    if (!startsName(words[i]!.word) || NOT_NAMES.has(words[i]!.word.toLowerCase())) {
      i++;
      continue;
    }
    // Titles written lower case before the name count with it: "chief executive Ines Park".
    let from = i;
    while (from > 0 && TITLES.has(baseWord(words[from - 1]!.word)) && !isCapitalised(words[from - 1]!.word)) from--;
    let to = i + 1;
    for (;;) {
      if (to < words.length && startsName(words[to]!.word) && adjacent(text, words[to - 1]!, words[to]!)) to++;
      else if (
        to + 1 < words.length &&
        CONNECTORS.has(words[to]!.word.toLowerCase()) &&
        startsName(words[to + 1]!.word) &&
        adjacent(text, words[to - 1]!, words[to]!)
      )
        to += 2;
      else break;
    }
    // "Former Welsh centre Tomas Brandt": words before a role and a name describe the name.
    const next = words[to];
    if (next && !isCapitalised(next.word) && isPersonRole(next.word) && adjacent(text, words[to - 1]!, next)) {
      i = to;
      continue;
    }
    const run = words.slice(from, to);
    // The word before the run says what each name of a list is: "in Lisbon and Porto" names two places.
    const previous = words[from - 1]?.word.toLowerCase();
    for (const part of partsOf(run)) {
      const mention = mentionOf(text, part, previous, firstWord);
      if (mention) out.push(mention);
    }
    i = to;
  }
  return out;
}

interface Word {
  word: string;
  at: number;
}

/**
 * A run of names joined by "and" is one organisation's name when a word of it says so ("Dairy and
 * Cheese Producers", "Procter & Gamble"), else a list of names: "Norway and Chile", "Jane Doe and John Roe".
 */
function partsOf(whole: Word[]): Word[][] {
  // A day's name before a name is not part of it: "Yesterday Mara Lindqvist", "Monday Portline".
  const run = whole.length > 1 && CALENDAR_WORDS.has(baseWord(whole[0]!.word)) ? whole.slice(1) : whole;
  const bases = run.map((w) => baseWord(w.word.replace(/['’]s$/, "")));
  const joins = run.flatMap((w, i) => (i > 0 && w.word.toLowerCase() === "and" ? [i] : []));
  if (joins.length === 0 || bases.some((w) => INSTITUTION_NOUNS.has(w))) return [run];
  const parts: Word[][] = [];
  let from = 0;
  for (const at of [...joins, run.length]) {
    parts.push(run.slice(from, at));
    from = at + 1;
  }
  return parts.filter((part) => part.length > 0);
}

/** What a run of capitalised words names, judged with the word before it and what follows it. */
function mentionOf(text: string, run: Word[], previous: string | undefined, firstWord: number): EntityMention | null {
  // After "the" a name is an organisation or a thing ("the Red Crescent"); after "in" or "from", a place.
  const context = previous === undefined ? null : previous === "the" ? "institution" : PLACE_PREPOSITIONS.has(previous) ? "place" : null;
  const phrase = text.slice(run[0]!.at, run.at(-1)!.at + run.at(-1)!.word.length).replace(/['’]s$/, "");
  const classified = classify(
    phrase,
    run.map((w) => w.word),
    run[0]!.at,
  );
  if (!classified) return null;
  const end = run.at(-1)!.at + run.at(-1)!.word.length;
  // What follows the name, as far as a role said with it reaches ("as chief executive"): not the whole sentence.
  const rest = text.slice(end, end + AFTER_NAME);
  const role = /^\s+as\s/.test(rest.slice(0, 8)) ? rest.match(/^\s+as\s+((?:\p{Ll}[\p{L}-]*\s+){0,3}\p{Ll}[\p{L}-]*)/u)?.[1] : undefined;
  const asRole = role?.split(/\s+/).some((w) => isPersonRole(w)) ?? false;
  // One object, built once: a place after "in", an institution after "the", else as the words say.
  const kind = context === "place" ? "place" : context === "institution" && classified.kind !== "place" ? "institution" : classified.kind;
  const mention: EntityMention = {
    phrase: classified.phrase,
    at: classified.at,
    kind,
    gender: kind === "place" || kind === "institution" ? null : classified.gender,
    opens: run[0]!.at - firstWord <= MAX_OPENING && OPENING.test(text.slice(0, run[0]!.at)),
    described: asRole || /^['’]?s?\s*,/.test(rest),
  };
  if (asRole) mention.role = role;
  return mention;
}

function classify(phrase: string, written: string[], at: number): EntityMention | null {
  const words = written.map((w) => w.replace(/['’]s$/, ""));
  const bases = words.map(baseWord);
  if (bases.every((w) => CALENDAR_WORDS.has(w) || CONNECTORS.has(w))) return null;
  const institution = bases.some((w) => INSTITUTION_NOUNS.has(w)) || words.some((w) => /^\p{Lu}[\p{Lu}\d&]+$/u.test(w));
  if (institution) return { phrase, at, kind: "institution", gender: null };
  const titled = bases.some((w) => TITLES.has(w));
  if (!titled && PLACE_STARTS.has(bases[0]!)) return null;
  const names = words.filter((w, i) => isCapitalised(w) && !TITLES.has(bases[i]!));
  if (
    (titled && names.length >= 1) ||
    (names.length >= 2 && names.length <= 4 && words.every((w) => isCapitalised(w) || TITLES.has(baseWord(w))))
  ) {
    return { phrase, at, kind: "person", gender: genderOf(words) };
  }
  return names.length === 1 && words.length === 1 ? { phrase, at, kind: "single", gender: null } : null;
}

const startsName = (word: string) => /^\p{Lu}/u.test(word);
/** Only white space between the two words, and no full stop ending the first (but an initial's or a title's): a comma ends a name. */
function adjacent(text: string, a: { word: string; at: number }, b: { at: number }): boolean {
  if (!/^\s+$/.test(text.slice(a.at + a.word.length, b.at))) return false;
  return !a.word.endsWith(".") || /^(?:\p{Lu}\.)+$/u.test(a.word) || TITLES.has(baseWord(a.word));
}
