import { wordList } from "../wordList.js";

/**
 * Verbs of saying, in the forms news copy uses. Lower case only: a capitalised "Says" or "States" is a
 * name more often than a verb. Nouns that share a form ("reports", "claims", "notes") are left out.
 */
const FINITE = [
  ...wordList(`
    said says say told tells added adds claimed confirmed confirms announced announces accuses denied denies
    stated explained explains asked asks warned warns insisted insists argued argues noted wrote writes reported
    declared urged urges acknowledged admitted admits alleged alleges estimated predicted replied responded stressed
    emphasised emphasized suggested conceded vowed pledged threatened recalled testified tweeted revealed disclosed
    cautioned complained countered rejected rejects refuted
  `),
  // Beyond "said": how news copy reports what someone said, thought or claimed.
  ...wordList(`
    written speculated hinted described describes lambasted criticised criticized slammed praised hailed condemned
    berated blasted pleaded pleads dismissed maintained maintains contended contends reiterated agreed disagreed
    objected protested remarked observed commented assured promised boasted joked quipped indicated signalled signaled
    affirmed asserted asserts confessed advised forecast predicts believes believed expressed conceded concedes replies
    responds recounted acknowledges suggests retorted demanded cited stresses mentioned mentions complain complains
  `),
];

/**
 * The plain form, only after "to" or an auxiliary ("went on to explain", "did not deny", "will
 * argue"): after "or" or "and" it is another clause's verb ("refuses to pay or explain").
 */
const PLAIN = wordList(`
  explain warn insist argue deny admit announce confirm acknowledge predict suggest testify concede reveal
`);
/** Looked behind only once a plain form has matched, so that the scan of every sentence stays as fast as a word list's. */
const AFTER_AUXILIARY = `(?<=\\b(?:to|not|n't|never|will|would|could|should|might|must|can|did|does|do|may)\\s[a-z]+)`;

/** Participles that report speech only with their own subject ("with unions claiming …"). */
const PARTICIPLES = wordList(`
  saying adding claiming accusing insisting denying arguing warning telling describing noting explaining stressing
  urging calling asking suggesting predicting writing
`);

/**
 * Verbs of saying only in some uses: "called for" a ban, "called" a plan "a disgrace" (a quotation
 * follows in the clause: ¶ marks one; in the present, "locals call it the 'long road'" names a thing),
 * "reports that", "reports:" or ending the sentence, "…, the Gazette reports." (else a noun: "the reports"),
 * "accused" but of a headline's passive ("Ministers accused of …").
 */
const IN_SOME_USES = [
  "call(?:ed|s)?(?=\\s+for\\b)",
  "called(?=[^;:\u00b6]*\u00b6)",
  "reports(?=\\s+that\\b|\\s*:|[\\s.!?\u00b6\"'\u201d\u2019]*$)",
  // "Ministers accused of …" in a headline is the passive: they are accused, not accusing.
  "accused(?!\\s+of\\b)",
];

export const SPEECH_VERB = new RegExp(
  `\\b(?:${[...new Set(FINITE), ...IN_SOME_USES, `(?:${PLAIN.join("|")})${AFTER_AUXILIARY}`].join("|")})\\b`,
  "g",
);
export const SPEECH_PARTICIPLE = new RegExp(`^(?:${PARTICIPLES.join("|")})$`);

/**
 * Verbs that take no object, so a name after them is their subject: `"…," said Maya Haddad`. Not
 * `told` or `asked`: the name after those is the one spoken to.
 */
export const INVERTIBLE = new Set(
  wordList(`
  said says added adds explained wrote replied insisted stated recalled noted argued continued responded reported
  announced declared
`),
);

/** "according to X", "as stated in X", "as reported by X": X is the source of the whole sentence. */
export const ACCORDING_TO =
  /\b(?:[Aa]ccording to|[Aa]s (?:stated|reported|noted|written|said|described|explained|detailed|outlined|told) (?:in|by|to))\s+([^,;:.\u00b6]+)/;
