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
  "councillor", "councilor", "councilman", "councilwoman", "cllr", "alderman", "alderwoman", "assemblyman",
  "assemblywoman", "assemblymember", "delegate", "speaker", "commissioner", "superintendent", "inspector",
  "detective", "constable", "sheriff", "marshal", "admiral", "major", "corporal", "trooper", "executive",
  "secretary-general", "attorney-general", "director-general", "baroness", "baron", "earl", "duke", "duchess",
  "mep", "msp", "rabbi", "pastor", "ayatollah", "dean", "provost", "rector", "principal", "headteacher",
  "coach", "supt", "insp", "det", "sgt", "cpl", "capt", "maj", "adm", "cmdr", "brig", "hon",
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
  const named = nameOf(shownPart(phrase));
  const cleanRole = role === undefined ? "" : shownPart(role);
  return cleanRole ? { ...named, description: `${named.description}, ${cleanRole}` } : named;
}

/**
 * A phrase as a name to show: without invisible format characters (bidirectional overrides such as
 * U+202E, zero-width ones) or control characters, and without what stands before its first letter or
 * digit (a markdown prefix like `>>> ` or `#`, stray punctuation). The article's text is untouched:
 * this is only the label Citebot puts on a quote.
 */
function shownPart(phrase: string): string {
  return phrase
    .replace(/[\p{Cf}\p{Cc}]/gu, "")
    .replace(/^[^\p{L}\p{N}]+/u, "")
    .replace(/\s+/g, " ")
    .trim();
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

/**
 * The speakers named so far in an article, with what resolving a later mention needs at hand: the
 * last person, the last institution, the last full name for each surname ("Ruiz" → "Ana Ruiz") and
 * the last speaker for each word of a name ("the outlet" → "the outlet Enab Baladi"). Each lookup
 * is a map or a running value, never a search of the article so far.
 */
export class SpeakersSoFar {
  private readonly seen = new Set<SpeakerName>();
  private readonly bySurname = new Map<string, SpeakerName>();
  private readonly byWord = new Map<string, SpeakerName>();
  last: SpeakerName | null = null;
  lastPerson: SpeakerName | null = null;
  lastInstitution: SpeakerName | null = null;

  add(speaker: SpeakerName): void {
    this.seen.add(speaker);
    this.last = speaker;
    if (speaker.isPerson) this.lastPerson = speaker;
    else this.lastInstitution = speaker;
    const words = speaker.name.split(/\s+/);
    if (speaker.isPerson && words.length > 1) this.bySurname.set(words.at(-1)!, speaker);
    for (const word of speaker.name.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word) this.byWord.set(word, speaker);
  }

  has(speaker: SpeakerName): boolean {
    return this.seen.has(speaker);
  }

  /** A later mention by surname ("Ruiz") of someone named in full before ("Ana Ruiz"). */
  fullNameFor(name: string): SpeakerName | undefined {
    if (/\s/.test(name) || !isCapitalised(name)) return undefined;
    return this.bySurname.get(name);
  }

  /** The last speaker whose name has this word ("outlet", "ministry"). */
  lastCalled(noun: string): SpeakerName | undefined {
    return this.byWord.get(noun.toLowerCase());
  }
}
