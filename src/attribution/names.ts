import { isGivenName, usualGenderOf } from "../lexicon/firstNames.js";
import { wordList } from "../wordList.js";
import { baseWord, genderOf, INSTITUTION_NOUNS, isPersonRole, TITLES } from "./lexicon.js";

/** Documents that are their writer's own words ("the IMF report said"), not findings of their own (a poll, a study). */
const VOICE_DOCUMENTS = new Set(wordList("report statement letter memo release announcement filing website newsletter"));
/** Words too slight to stand before a name in "aid worker Tomas Lind". */
const FUNCTION_WORDS = new Set(["for", "of", "the", "and", "in", "on", "at", "by", "to", "from", "with", "a", "an"]);

export interface SpeakerName {
  /** The name to show and match: "Klaus Bauer", "UN", "port officials". */
  name: string;
  /** The phrase as written, less a leading article: "German Interior Minister Klaus Bauer". */
  description: string;
  /** A person (he/she) rather than an institution or group (it/they); a spokesman speaking for an organisation is a person. */
  isPerson: boolean;
  /** What the article says of a person's sex, when it does ("Mrs", "spokeswoman", "she said"); null when not known. */
  gender: "male" | "female" | null;
  /** The sex the person's first name usually goes with ("Hillary", "Bill"): weaker than `gender`. Read by usualGenderOfName. */
  usualGender?: "male" | "female" | null;
  /** A person only by the look of the name (two capitalised words, no title): "Velo Bikes" may be a company. */
  byForm?: boolean;
}

export const isCapitalised = (word: string) => /^\p{Lu}/u.test(word) || /^(?:al|el|bin|ibn|de|van|von|da|di|le|la)$/.test(word);

/**
 * Splits a subject phrase into the speaker's name and the phrase as written; `role` is an apposition
 * that followed the name ("a nurse at the clinic") and joins the description.
 */
export function speakerNameOf(phrase: string, role?: string): SpeakerName {
  const named = nameOf(shownPart(phrase));
  const cleanRole = role === undefined ? "" : shownPart(role);
  if (!cleanRole) return named;
  return {
    ...named,
    description: `${named.description}, ${cleanRole}`,
    gender: named.gender ?? (named.isPerson ? genderOf(cleanRole.split(/\s+/)) : null),
  };
}

/**
 * A phrase as a name to show: without invisible format characters (bidirectional overrides such as
 * U+202E, zero-width ones) or control characters, and without what stands before its first letter or
 * digit (a markdown prefix like `>>> ` or `#`, stray punctuation), with one apostrophe. The article's text is untouched:
 * this is only the label Citebot puts on a quote.
 */
export function shownPart(phrase: string): string {
  return (
    phrase
      .replace(/[\p{Cf}\p{Cc}]/gu, "")
      // One person is one name whichever apostrophe the copy used: "O’Neill" and "O'Neill".
      .replace(/[\u2018\u2019\u02bc]/gu, "'")
      .replace(/^[^\p{L}\p{N}]+/u, "")
      .replace(/\s+/g, " ")
      .trim()
  );
}

function nameOf(phrase: string, written?: string): SpeakerName {
  // People's names take no article: "the Red Crescent" is an institution.
  const definite = /^the\s/i.test(phrase);
  const own = phrase.replace(/^(?:the|a|an)\s+/i, "").trim();
  const description = written ?? own;
  const words = own.split(/\s+/);
  const person = (name: string): SpeakerName => ({ name, description, isPerson: true, gender: genderOf(words) });
  // "Harbour Gazette's Lena Fisk", "Lena Fisk for Harbour Gazette": the outlet describes the name.
  if (written === undefined) {
    const owned = words.findLastIndex((w) => /^\p{Lu}[\p{L}.&-]*['\u2019]s$/u.test(w));
    const rest = words.slice(owned + 1);
    if (owned >= 0 && rest.length >= 2 && rest.length <= 4 && rest.every((w) => isCapitalised(w) || TITLES.has(baseWord(w))))
      return nameOf(rest.join(" "), description);
    const forAt = words.indexOf("for");
    const writer = words.slice(0, forAt);
    if (
      forAt >= 2 &&
      forAt <= 4 &&
      writer.every((w) => /^\p{Lu}/u.test(w) && !INSTITUTION_NOUNS.has(baseWord(w)) && !TITLES.has(baseWord(w))) &&
      /^\p{Lu}/u.test(words[forAt + 1] ?? "")
    )
      return nameOf(writer.join(" "), description);
  }
  // "the IMF report", "the Harbour Authority statement": the document speaks for whoever wrote it.
  const owner = words.slice(0, -1);
  if (owner.length >= 1 && owner.length <= 4 && VOICE_DOCUMENTS.has(words.at(-1)!) && owner.every(isCapitalised))
    return { ...nameOf(owner.join(" "), description), description };
  // "Ben Harcastle of the Landlords' Forum": a person's name of two to four words, then where they are from.
  const from = words.indexOf("of");
  if (
    from >= 2 &&
    from <= 4 &&
    words.slice(0, from).every((w) => /^\p{Lu}/u.test(w) && !INSTITUTION_NOUNS.has(baseWord(w)) && !TITLES.has(baseWord(w))) &&
    /^(?:the\s|\p{Lu})/u.test(words.slice(from + 1).join(" "))
  )
    return person(words.slice(0, from).join(" "));
  // "Harbour Commissioner's Office", "Liberal Mayors Association": an organisation, titles and all.
  if (words.length > 1 && /^\p{Lu}/u.test(words.at(-1)!) && INSTITUTION_NOUNS.has(baseWord(words.at(-1)!))) {
    return { name: own, description, isPerson: false, gender: null };
  }
  let lastTitle = -1;
  words.forEach((word, i) => {
    const w = baseWord(word);
    if (TITLES.has(w) || (w === "state" && words[i - 1] === "of")) lastTitle = i;
  });
  // "Representative Ana Ruiz of Ohio": the place she stands for describes her.
  const named = words.slice(lastTitle + 1);
  const of = named.indexOf("of");
  const afterTitle = of >= 1 && named.slice(of + 1).every(isCapitalised) ? named.slice(0, of) : named;
  if (lastTitle >= 0 && afterTitle.length >= 1 && afterTitle.length <= 4 && afterTitle.every(isCapitalised))
    return person(afterTitle.join(" "));
  // "aid worker Tomas Lind": a capitalised name of two to four words after a lower-case description.
  let run = 0;
  while (run < words.length && isCapitalised(words[words.length - 1 - run]!)) run++;
  const beforeRun = words[words.length - 1 - run];
  if (run >= 2 && run <= 4 && beforeRun && /^\p{Ll}/u.test(beforeRun) && !FUNCTION_WORDS.has(beforeRun))
    return person(words.slice(-run).join(" "));
  const allCapitalised = words.every(isCapitalised);
  const isPerson =
    !definite &&
    allCapitalised &&
    words.length >= 2 &&
    words.length <= 4 &&
    !words.some((w) => INSTITUTION_NOUNS.has(baseWord(w)) || /^\p{Lu}{2,}$/u.test(w));
  // Two capitalised words are a person by their look only, unless the first is a known given name.
  if (isPerson) return { ...person(own), byForm: genderOf(words) === null && !isGivenName(words[0]!) };
  // "a senior EU diplomat", "the 71-year-old": described by what a person is.
  if (/^\p{Ll}/u.test(own) && isPersonRole(words.at(-1)!)) return { name: own, description, isPerson: true, gender: genderOf(words) };
  return { name: own, description, isPerson: false, gender: null };
}

/** The sex a person's first name usually goes with, worked out when first asked and kept on the name. */
export function usualGenderOfName(person: SpeakerName): "male" | "female" | null {
  if (person.usualGender === undefined) person.usualGender = person.name.includes(" ") ? usualGenderOf(person.name.split(" ")[0]!) : null;
  return person.usualGender;
}
