import { createRequire } from "node:module";
import { wordList } from "../wordList.js";
import { wordNet } from "./wordNet.js";

type Sexes = ReadonlyMap<string, "male" | "female">;

/**
 * The sex a first name usually goes with ("Hillary" female, "Bill" male), from the
 * `gender-detection-from-name` package's list of 32,000 given names in English-speaking countries
 * (its other languages' lists are not read: they would double the cost of loading for names the
 * English list mostly has); null for a name it does not know. A likelihood, not a
 * fact: the article's own "she" or "Mrs" always counts over it, and a name given to boys and girls
 * alike ("Morgan", "Jordan") says nothing. The lists are read on first use.
 */
export function usualGenderOf(firstName: string): "male" | "female" | null {
  if (!/^\p{Lu}\p{Ll}+$/u.test(firstName) || EITHER.has(firstName.toLowerCase())) return null;
  sexes ??= loadSexes();
  return sexes.get(firstName.toLowerCase()) ?? null;
}

/** Given names common for both sexes in English-speaking countries, which the lists give one sex. */
const EITHER = new Set(
  wordList(`
  morgan jordan taylor leslie lesley kelly kelley dana jamie jaime alex alexis chris pat sam robin casey jesse jessie
  lee kim terry terri tracy tracey shannon drew cameron riley avery quinn reese sidney sydney jean ashley blake devon
  lindsey lindsay lynn marion kerry stacy jody jodie toni sasha charlie jackie frankie billie hayden skyler rory
  kendall ellis harper peyton parker emerson finley rowan sage eden ari micah noel kai angel jan val robbie bobbie
  andrea joss carey cary kasey kris lou mel merle sandy shelby sky stevie tommie whitney
`),
);

/**
 * Whether the word is surely a given name, of either sex: "Ana", "Morgan"; not "Velo" of "Velo
 * Bikes", nor a word English uses as a noun or adjective that the list also has ("Kingdom", "Hall",
 * "Bill", by WordNet's sense-tagged texts).
 */
export function isGivenName(word: string): boolean {
  let given = givenNames.get(word);
  if (given === undefined) {
    given = workOutGivenName(word);
    // Words recur: each is worked out once, the memory bounded however large the corpus.
    if (givenNames.size >= MAX_REMEMBERED) givenNames.clear();
    givenNames.set(word, given);
  }
  return given;
}

const givenNames = new Map<string, boolean>();
const MAX_REMEMBERED = 100_000;

function workOutGivenName(word: string): boolean {
  if (!/^\p{Lu}\p{Ll}+$/u.test(word)) return false;
  const lower = word.toLowerCase();
  if (EITHER.has(lower)) return true;
  sexes ??= loadSexes();
  if (!sexes.has(lower)) return false;
  const lexicon = wordNet();
  return !(lexicon && (lexicon.taggedSenses(lower, "noun") > 0 || lexicon.taggedSenses(lower, "adj") > 0));
}

/** Whether the lists have the word as a given name at all (of either sex, or both), whatever else English uses it for. */
export function isListedGivenName(word: string): boolean {
  if (!/^\p{Lu}\p{Ll}+$/u.test(word)) return false;
  sexes ??= loadSexes();
  return EITHER.has(word.toLowerCase()) || sexes.has(word.toLowerCase());
}

let sexes: Sexes | undefined;

function loadSexes(): Sexes {
  try {
    return createRequire(import.meta.url)("gender-detection-from-name/names/en.js") as Sexes;
  } catch {
    return new Map();
  }
}
