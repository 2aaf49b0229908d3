/** Words of office and role that stand before a name: "German Interior Minister Klaus Bauer". Lower case. */
const TITLE_WORDS = new Set([
  "minister", "president", "secretary", "chancellor", "premier", "king", "queen", "prince", "princess", "sheikh",
  "emir", "sultan", "senator", "governor", "mayor", "general", "colonel", "commander", "ambassador", "envoy",
  "spokesman", "spokeswoman", "spokesperson", "chief", "director", "chairman", "chairwoman", "chair", "leader",
  "representative", "judge", "justice", "pope", "professor", "captain", "lieutenant", "sergeant", "officer",
  "official", "analyst", "journalist", "correspondent", "reporter", "editor", "activist", "researcher",
  "coordinator", "cleric", "imam", "bishop", "archbishop", "lawmaker", "mp", "congressman", "congresswoman",
  "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sen", "gov", "rep", "rev", "sir", "lord", "lady", "dame",
  "ceo", "chairperson", "counsel", "attorney", "deputy", "vice", "worker", "driver", "farmer", "resident",
  "doctor", "nurse", "surgeon", "teacher", "student", "witness", "engineer", "lawyer", "soldier", "fighter",
  "volunteer", "survivor", "refugee", "owner", "manager", "economist", "expert", "scientist", "historian",
  "head", "founder", "member", "organiser", "organizer", "negotiator", "mediator", "diplomat", "priest",
]);

/** Words too slight to stand before a name in "aid worker Tomas Lind". */
const FUNCTION_WORDS = new Set(["for", "of", "the", "and", "in", "on", "at", "by", "to", "from", "with", "a", "an"]);

/** Words that make a speaker an institution rather than a person ("it said", not "he said"). Lower case. */
const INSTITUTION_WORDS = new Set([
  "ministry", "observatory", "agency", "council", "army", "government", "forces", "news", "television", "tv",
  "radio", "front", "group", "groups", "organisation", "organization", "committee", "union", "nations", "office",
  "department", "institute", "unit", "outlet", "militia", "militias", "company", "corporation", "bank", "court",
  "police", "authority", "authorities", "commission", "parliament", "state", "coalition", "alliance", "party",
  "sources", "source", "officials", "commanders", "rebels", "media", "newspaper", "channel", "service", "team",
]);

export interface SpeakerName {
  /** The name to show and match: "Klaus Bauer", "UN", "port officials". */
  name: string;
  /** The phrase as written, less a leading article: "German Interior Minister Klaus Bauer". */
  description: string;
  /** A person (he/she) rather than an institution or group (it/they). */
  isPerson: boolean;
}

const clean = (word: string) => word.toLowerCase().replace(/['\u2019]s$/, "").replace(/\.$/, "");
const isCapitalised = (word: string) => /^\p{Lu}/u.test(word) || /^(?:al|el|bin|ibn|de|van|von|da|di|le|la)$/.test(word);

/**
 * Splits a subject phrase into the speaker's name and the phrase as written; `role` is an apposition
 * that followed the name ("a nurse at the clinic") and joins the description.
 */
export function speakerNameOf(phrase: string, role?: string): SpeakerName {
  const named = nameOf(phrase);
  return role ? { ...named, description: `${named.description}, ${role}` } : named;
}

function nameOf(phrase: string): SpeakerName {
  // People's names take no article: "the Red Crescent" is an institution.
  const definite = /^the\s/i.test(phrase);
  const description = phrase.replace(/^(?:the|a|an)\s+/i, "").trim();
  const words = description.split(/\s+/);
  let lastTitle = -1;
  words.forEach((word, i) => {
    const w = clean(word);
    if (TITLE_WORDS.has(w) || (w === "state" && words[i - 1] === "of")) lastTitle = i;
  });
  const afterTitle = words.slice(lastTitle + 1);
  if (lastTitle >= 0 && afterTitle.length >= 1 && afterTitle.length <= 4 && afterTitle.every(isCapitalised)) {
    return { name: afterTitle.join(" "), description, isPerson: true };
  }
  // "aid worker Tomas Lind": a capitalised name of two to four words after a lower-case description.
  let run = 0;
  while (run < words.length && isCapitalised(words[words.length - 1 - run]!)) run++;
  const beforeRun = words[words.length - 1 - run];
  if (run >= 2 && run <= 4 && beforeRun && /^\p{Ll}/u.test(beforeRun) && !FUNCTION_WORDS.has(beforeRun)) {
    return { name: words.slice(-run).join(" "), description, isPerson: true };
  }
  const allCapitalised = words.every(isCapitalised);
  const isPerson =
    !definite &&
    allCapitalised &&
    words.length >= 2 &&
    words.length <= 4 &&
    !words.some((w) => INSTITUTION_WORDS.has(clean(w)) || /^\p{Lu}{2,}$/u.test(w));
  return { name: description, description, isPerson };
}

/** A later mention by surname ("Ruiz") of someone named in full before ("Ana Ruiz"). */
export function fullNameFor(name: string, earlier: readonly SpeakerName[]): SpeakerName | undefined {
  if (/\s/.test(name) || !isCapitalised(name)) return undefined;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const candidate = earlier[i]!;
    if (candidate.isPerson && candidate.name.endsWith(` ${name}`)) return candidate;
  }
  return undefined;
}
