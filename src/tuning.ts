import type { EvidenceKey } from "./answer/answerability.js";

/**
 * Every weight and threshold of search, ranking and the answer decision, in one place, as
 * MiniSearch keeps its BM25 parameters in one `BM25Params`. Each is documented where it is used;
 * this says what it does and how its value was chosen.
 */

/**
 * Search (src/search): BM25+ as MiniSearch scores it, and how much each kind of match counts.
 * The BM25 parameters are MiniSearch's defaults; the rest were set by hand on the public sets.
 */
export const SEARCH = {
  /** BM25 term-frequency saturation (MiniSearch's k). */
  k: 1.2,
  /** BM25 length normalisation (MiniSearch's b). */
  b: 0.7,
  /** BM25+ lower bound of a matching term's contribution (MiniSearch's d). */
  d: 0.5,
  /** The words said count in full … */
  textBoost: 1,
  /** … the speaker's name for half. */
  speakerBoost: 0.5,
  /** A passage that leans on a neighbour ("It was later denied.") gains this share of the neighbour's score. */
  contextShare: 0.25,
  /** Another spelling of the word found in the corpus (Foua for Fua). */
  variantWeight: 0.8,
  /** A word meaning about the same, from the synonym list (injuries for hurt). */
  synonymWeight: 0.5,
  /** A neighbour in meaning by word vectors (cashpoint → atm), times its cosine with the word and the word's own weight. */
  neighbourWeight: 0.5,
  /** Words that mostly shape the question ("know", "many", "long"). */
  weakWeight: 0.4,
  /** A fuzzy match (a misspelling), less with each edit, as in MiniSearch. */
  fuzzyWeight: 0.45,
  /** How many of the best BM25 results are rescored with context. */
  rescored: 300,
  /** On a corpus of at least commonMinPassages, a term in more than this share of the passages is not searched for (it still counts for coverage). */
  commonShare: 0.02,
  commonMinPassages: 5_000,
};

/**
 * Neighbours in meaning (src/question/analyze.ts): how many corpus words a question word is widened
 * to, and how near (cosine of their word vectors) they must be. Set by hand on the public sets:
 * below about 0.6 the neighbours are words of the same topic rather than of the same meaning. The
 * `commonest` words of English (by the vectors' frequency ranks) are not widened: the nearest to
 * "make" are "take" and "give", to "ask" "tell".
 */
export const NEIGHBOURS = { perWord: 3, minSimilarity: 0.62, commonest: 2_000 };

/**
 * Misspellings (src/question/analyze.ts): a question word the articles lack is matched within an
 * edit or two, unless it is one of English's `commonest` words by the word vectors' frequency ranks
 * (a real word, spelled as meant: "capital" must not find "capitol"). The vectors' vocabulary holds
 * common misspellings too ("teh" ranks about 19,000), so the bar is set well above them, by hand.
 */
export const SPELLING = { commonest: 10_000 };

/**
 * Coverage by meaning (src/answer/answerability.ts): a question word the passage lacks counts by its
 * nearest passage word's cosine beyond this floor, the level unrelated words reach by chance
 * (set by hand: most pairs of unrelated English words are below 0.3).
 */
export const SOFT_FLOOR = 0.3;

/** Names (src/search/indexBuilder.ts): a word is a name when more than this share of its mid-sentence uses are capitalised. */
export const PROPER_SHARE = 0.5;

/** How many of the best search results are weighed as answers. */
export const CANDIDATES = 50;
/** Of those, how many are judged closely (their answer values read): the rest rank after them. */
export const JUDGED = 20;
/** Passages nearest the question in meaning (sentence vectors) judged with them: the second source of candidates. */
export const BY_MEANING = 20;

/**
 * Ranking (src/answer/answerability.ts): each candidate's score is a weighted sum of the evidence
 * it gives, `rank = Σ RANKING[k] × evidence[k]`.
 *
 * Answer or not: one logistic score over the best passage's evidence and its lead over the next
 * (capped at maxLead), `p = 1 / (1 + e^-(bias + leadWeight × lead + Σ weights[k] × evidence[k]))`;
 * the articles answer when `p` reaches `threshold`.
 *
 * Both are fitted with `npm run calibrate` on every public set that may be fitted on: the seeds,
 * `unseen/` (the project's own, 120 questions) and SQuAD 2.0's `train.json` (2,908 crowd-written
 * questions on Wikipedia, CC BY-SA 4.0; the weights are what was learned from them, none of their text).
 * WikiQA is scored, never fitted on (its licence). The ranking weights maximise the likelihood of
 * the gold passage among each answerable question's candidates (a softmax), every question counting
 * alike, with a light L2 penalty; the decision weights are a logistic regression over questions
 * (answerable or not), each set counted alike, each weight held to its sign; which sets it is fitted
 * on (every set, or the news sets: the seeds and unseen/) and its L2 penalty are the choice that does
 * best on the worst news set held out of the fit (SQuAD's near misses stay near a coin whatever the
 * choice: README, Measured quality); the threshold is the one that best
 * balances abstaining on unanswerable questions with answering answerable ones, each set counted
 * alike (of near ties, within 0.01, the highest: a confident answer the articles do not give does
 * more harm than a right one shown as related). The decision weighs only the evidence listed in its
 * `weights`: the rest added parameters without doing better held out. Refit after changing what the
 * evidence measures; the README has the figures the last fit gave, each set held out.
 */
export const RANKING: Record<EvidenceKey, number> = {
  coverage: 0.674,
  ownCoverage: -0.338,
  namesMissing: -1.793,
  namesElsewhere: 1.421,
  focusMissing: -0.403,
  typeMissing: -1.839,
  speakerMissing: -1.671,
  strength: 1.484,
  nearCoverage: 0.95,
  softCoverage: 2.152,
  phrases: 2.053,
  similarity: 3.065,
  unknownNames: 0,
  known: 0,
  articleCoverage: 1.365,
  nearbyCoverage: 3.112,
  rarestMissing: -0.273,
  negationMismatch: -0.25,
  logStrength: -0.298,
  lexicalCoverage: 3.458,
  opposite: 0.75,
};

export const ANSWERABILITY: {
  bias: number;
  leadWeight: number;
  maxLead: number;
  weights: Partial<Record<EvidenceKey, number>>;
  threshold: number;
} = {
  bias: -0.241,
  leadWeight: 0.248,
  maxLead: 2,
  weights: {
    coverage: 0,
    softCoverage: 0.189,
    namesMissing: -0.94,
    focusMissing: -1.724,
    typeMissing: -0.816,
    speakerMissing: -1.228,
    strength: 1.591,
    unknownNames: -1.045,
    known: 0.212,
    rarestMissing: -0.299,
    negationMismatch: 0,
    opposite: -0.734,
    lexicalCoverage: 0.111,
  },
  threshold: 0.78,
};
