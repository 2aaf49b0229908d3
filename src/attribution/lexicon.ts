import { wordList } from "../wordList.js";

/**
 * The words attribution knows the meaning of: roles of people, kinds of organisation, documents, and
 * words that tell a man from a woman. All lower case; a word is looked up after `baseWord`.
 */

/** Offices and roles that stand before a name: "German Interior Minister Klaus Bauer", "aid worker Tomas Lind". */
export const TITLES = new Set([
  ...wordList(`
  minister president secretary chancellor premier king queen prince princess sheikh emir sultan senator governor mayor
  general colonel commander ambassador envoy spokesman spokeswoman spokesperson chief director chairman chairwoman chair
  leader representative judge justice pope professor captain lieutenant sergeant officer official analyst journalist
  correspondent reporter editor activist researcher coordinator cleric imam bishop archbishop lawmaker mp congressman
  congresswoman mr mrs ms dr prof gen col lt sen gov rep rev sir lord lady dame ceo chairperson counsel attorney deputy
  vice worker driver farmer resident doctor nurse surgeon teacher student witness engineer lawyer soldier fighter
  volunteer survivor refugee owner manager economist expert scientist historian head founder member organiser organizer
  negotiator mediator diplomat priest councillor councilor councilman councilwoman cllr alderman alderwoman assemblyman
  assemblywoman assemblymember delegate speaker commissioner superintendent inspector detective constable sheriff
  marshal admiral major corporal trooper executive secretary-general attorney-general director-general baroness baron
  earl duke duchess mep msp rabbi pastor ayatollah provost rector principal headteacher coach supt insp det sgt cpl
  capt maj adm cmdr brig hon
`),
  // Said before a name as a title is: "Republican nominee Tom Vance", "Rival Ana Ruiz", "Democrat Ana Ruiz".
  ...wordList(`
  nominee candidate rival challenger incumbent frontrunner front-runner democrat republican
`),
  // The courts, the services and public life.
  ...wordList(`
  prosecutor solicitor barrister plaintiff defendant juror coroner magistrate clerk auditor comptroller trustee
  ranger firefighter paramedic pilot astronaut economist strategist pollster organizer campaigner
`),
  // Who someone is to the story, said before the name as a title is: "Neighbour Elaine Fraser", "Father Ilija Basic".
  ...wordList(`
  neighbour neighbor shopkeeper homeowner passenger bystander eyewitness motorist commuter father sister brother
  reverend deacon monsignor cardinal
`),
]);

/** Nouns that name a person, though not as a title before a name: "the actress said", "the ex-Marine added". */
const PERSON_NOUNS = new Set(
  wordList(`
  actor actress star player winger striker goalkeeper captain manager referee singer writer author novelist artist
  designer producer filmmaker consultant entrepreneur businessman businesswoman banker investor trader chef pilot
  astronaut administrator campaigner candidate voter parent mother father son daughter businesswoman veteran blogger
  attendant employee staffer aide adviser advisor treasurer president-elect monarch man woman boy girl
`),
);

export const PERSON_ROLES = new Set([...TITLES, ...PERSON_NOUNS]);

/** Kinds of organisation: "the company said" is an institution speaking ("it said", not "he said"). */
export const INSTITUTION_NOUNS = new Set([
  ...wordList(`
    ministry observatory agency council army government forces news television tv radio front group groups organisation
    organization committee union nations office department institute unit outlet militia militias company corporation
    bank court police authority authorities commission parliament state coalition alliance party sources source
    officials commanders rebels media newspaper channel service team firm airline carrier operator monopoly giant
    broadcaster network maker retailer manufacturer watchdog regulator association federation foundation charity club
    university college school hospital studio label publisher administration board cabinet campaign consortium
    conglomerate contractor developer provider supplier startup business industry inc corp co ltd plc llc airlines brand
    prosecutor's prosecutors embassy consulate senate congress assembly legislature league society trust fund exchange
    market utility railway network center centre bureau panel caucus directorate secretariat command corps
    initiative program programme project laboratory clinic museum library forum movement chamber guild syndicate
    cooperative
  `),
  // What companies' names end in.
  ...wordList(`
    motors systems technologies technology telecom telecoms energy foods holdings partners capital industries airways
    labs laboratories pharmaceuticals pharma studios entertainment logistics freight shipping mining petroleum steel
    chemicals electric electronics insurance financial securities ventures solutions software games records pictures
    publishing press times post herald journal tribune gazette magazine broadcasting communications networks automotive
    aerospace robotics motor airline railways buses ltd. inc. co. corp. gmbh sa ag
  `),
]);

/** Things that say something without being anyone: "the report says" stays the report. */
export const DOCUMENT_NOUNS = new Set(
  wordList(`
  report statement letter newsletter study survey poll document memo filing website post message notice release
  announcement ruling judgment verdict book article paper research analysis figures data handbook guidance policy email
`),
);

/** Words that say the person is a man, or a woman. */
export const MALE_WORDS = new Set(
  wordList(`
  mr sir lord king prince spokesman chairman councilman congressman assemblyman businessman alderman baron earl duke
  father son brother husband man boy
`),
);
export const FEMALE_WORDS = new Set(
  wordList(`
  mrs ms miss lady dame queen princess spokeswoman chairwoman councilwoman congresswoman assemblywoman businesswoman
  alderwoman baroness duchess mother daughter sister wife woman girl actress
`),
);

/** Short forms of offices, as written before a name: "Gov. Ana Ruiz" is "the governor". */
export const ROLE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  gov: "governor",
  sen: "senator",
  rep: "representative",
  supt: "superintendent",
  insp: "inspector",
  det: "detective",
  sgt: "sergeant",
  cpl: "corporal",
  capt: "captain",
  maj: "major",
  gen: "general",
  col: "colonel",
  lt: "lieutenant",
  adm: "admiral",
  cmdr: "commander",
  brig: "brigadier",
  prof: "professor",
  dr: "doctor",
  cllr: "councillor",
  ceo: "chief executive",
};

/** Months and days: capitalised, but never a speaker. */
export const CALENDAR_WORDS = new Set(
  wordList(`
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
  october november december yesterday today tomorrow tonight
`),
);

/**
 * A word as looked up: lower case, without a possessive `'s`, a final full stop or a plural `s`
 * ("Analysts" → "analyst", "Gov." → "gov", "Disney's" → "disney").
 */
export function baseWord(word: string): string {
  let base = baseWords.get(word);
  if (base !== undefined) return base;
  const w = word
    .toLowerCase()
    .replace(/['\u2019]s?$/, "")
    .replace(/\.$/, "");
  const known = (x: string) => PERSON_ROLES.has(x) || INSTITUTION_NOUNS.has(x) || DOCUMENT_NOUNS.has(x);
  const singular = w.endsWith("ies") ? `${w.slice(0, -3)}y` : w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w;
  base = known(w) || !known(singular) ? w : singular;
  // Words recur: each is worked out once (the memory stays bounded however large the corpus).
  if (baseWords.size >= MAX_REMEMBERED) baseWords.clear();
  baseWords.set(word, base);
  return base;
}

const baseWords = new Map<string, string>();
const MAX_REMEMBERED = 100_000;

export const isPersonRole = (word: string) =>
  PERSON_ROLES.has(baseWord(word)) || /^(?:ex|former)-\p{L}/iu.test(word) || /^\d+-year-old$/i.test(word);
export const isInstitutionNoun = (word: string) => INSTITUTION_NOUNS.has(baseWord(word));
export const isDocumentNoun = (word: string) => DOCUMENT_NOUNS.has(baseWord(word));

/** "male", "female", or null when the words do not say. */
export function genderOf(words: readonly string[]): "male" | "female" | null {
  for (const word of words) {
    const w = baseWord(word);
    if (MALE_WORDS.has(w)) return "male";
    if (FEMALE_WORDS.has(w)) return "female";
  }
  return null;
}
