import type { WordRelations } from "../lexicon/wordNet.js";
import type { QuestionAnalysis } from "../question/analyze.js";
import { type AnswerType, type AnswerValue, holdsAnswer } from "../question/answerTypes.js";
import type { QueryTerm, SearchHit } from "../search/passageIndex.js";
import { words } from "../search/terms.js";
import { ANSWERABILITY, RANKING, SOFT_FLOOR } from "../tuning.js";

/**
 * What a passage has of what a question asks: the signals the answer decision weighs. Each is
 * between 0 and 1; the "missing" ones are 1 when something the question requires is not there.
 */
export interface Evidence {
  /** Share of the question's information (IDF-weighted words) the passage matches, with its context. */
  coverage: number;
  /** The same, by the passage's own text and speaker only. */
  ownCoverage: number;
  /** Share of the question's names neither the passage nor its article mentions. */
  namesMissing: number;
  /** Share of the question's names the passage leaves to its article ("the rally" in an article on Kessel's). */
  namesElsewhere: number;
  /** 1 when the question has a focus word the passage does not mention. */
  focusMissing: number;
  /** 1 when the question wants a kind of answer (a number, a date, a person …) the passage does not hold. */
  typeMissing: number;
  /** 1 when the question asks what someone said and the passage is not theirs. */
  speakerMissing: number;
  /** The passage's BM25 score as a share of the best candidate's. */
  strength: number;
  /** Share of the question's information matched by the words themselves or, at half, by their neighbours in meaning. */
  nearCoverage: number;
  /**
   * Share of the question's information the passage has in words or in meaning: each word counts
   * by its nearest word in the passage (the word itself 1, else their cosine beyond SOFT_FLOOR,
   * scaled to 0–1). Names count only as written.
   */
  softCoverage: number;
  /** Share of the question's pairs of adjacent words the passage has side by side too ("best actor"). */
  phrases: number;
  /** Cosine of the question's and the passage's sentence vectors (0 without word vectors). */
  similarity: number;
  /** Of the question, not the passage: the share of its names the articles never mention at all. */
  unknownNames: number;
  /** Of the question: the share of its information (IDF-weighted words) the articles have anywhere. */
  known: number;
  /** Share of the question's information the passage's article has, in this passage or any other. */
  articleCoverage: number;
  /** Share of the question's information the passage and the sentences either side of it (NEARBY) have. */
  nearbyCoverage: number;
  /** The weight (IDF × word weight) of the rarest question word the passage lacks, as a share of the question's rarest: 0 when it lacks none. */
  rarestMissing: number;
  /** 1 when one of the question and the passage is negated ("not", "never", "n't" …) and the other is not. */
  negationMismatch: number;
  /** The passage's BM25 score against the best candidate's on a log scale: 1 for the best, 0 at e⁻⁴ of it or for none. */
  logStrength: number;
  /**
   * Share of the question's information the passage has as written or by WordNet: a word the passage
   * lacks counts in full when the passage has a synonym or a derived form of it ("decision" for
   * "decide"), at half for a broader or narrower word ("vehicle" for "car").
   */
  lexicalCoverage: number;
  /** 1 when the passage has the opposite of a question word it lacks ("lost" where the question asks who won). */
  opposite: number;
}

export type EvidenceKey = keyof Evidence;

/** The share of the question's information, by IDF and word weight, that the matched terms cover. */
export function coverageOf(matched: ReadonlySet<string>, terms: readonly QueryTerm[]): number {
  return shareOf(terms, (t) => (matched.has(t.term) ? 1 : 0));
}

/** The share of the question's information (by IDF and word weight) that the terms cover, each by its own share from 0 to 1. */
function shareOf(terms: readonly QueryTerm[], covers: (t: QueryTerm) => number): number {
  let total = 0;
  let covered = 0;
  for (const t of terms) {
    total += t.idf * t.weight;
    covered += t.idf * t.weight * covers(t);
  }
  return total === 0 ? 0 : covered / total;
}

/** What the evidence reads of a passage besides its search hit, each part asked for only when a signal needs it. */
export interface PassageReading {
  speaker: string | null;
  /** The answer values in the passage's text. */
  values(): AnswerValue[];
  /** Its cosine with the question by sentence vectors (0 without them). */
  similarity(): number;
  /** Its pairs of adjacent words. */
  pairs(): ReadonlySet<string>;
  /** The cosine of the word with its nearest word in the passage (0 without word vectors). */
  closeness(word: string): number;
  inArticle(t: QueryTerm): boolean;
  /** Whether the term is in the passage or within NEARBY sentences of it, in its article. */
  nearby(t: QueryTerm): boolean;
  /** Whether the passage is negated. */
  negated(): boolean;
  /** The index terms of the passage's words. */
  terms(): ReadonlySet<string>;
}

/**
 * The evidence a search hit gives for a question. `values` are the answer values in the passage's
 * text; `similarity` its cosine with the question by sentence vectors (0 without them).
 */
export function evidenceOf(
  q: QuestionAnalysis,
  hit: SearchHit,
  best: number,
  passage: PassageReading,
  /** The question's terms the articles have: known to the index, or matched (as a misspelling) by some candidate. */
  found: ReadonlySet<string>,
): Evidence {
  const names = q.names;
  const topic = q.speakerTerms.length > 0 ? q.terms.filter((t) => !q.speakerTerms.includes(t.term)) : q.terms;
  const unmatched = names.filter((t) => !hit.matched.has(t.term));
  const elsewhere = unmatched.filter((t) => passage.inArticle(t)).length;
  const typeMissing = q.answerTypes.length > 0 && !holdsAnswer(q.answerTypes, passage.values(), q.question, passage.speaker) ? 1 : 0;
  const coverage = coverageOf(hit.matched, topic);
  return {
    coverage,
    ownCoverage: coverageOf(hit.matchedOwn, topic),
    namesMissing: names.length === 0 ? 0 : (unmatched.length - elsewhere) / names.length,
    namesElsewhere: names.length === 0 ? 0 : elsewhere / names.length,
    focusMissing: q.focus && !hit.matched.has(q.focus) ? 1 : 0,
    typeMissing,
    speakerMissing: q.speakerTerms.some((t) => !hit.matchedSpeaker.has(t)) ? 1 : 0,
    strength: best > 0 ? hit.score / best : 0,
    nearCoverage: coverage + coverageOf(hit.matchedNear, topic) / 2,
    softCoverage: softCoverageOf(hit.matched, topic, passage),
    phrases: q.phrases.length === 0 ? 0 : phrasesShared(q.phrases, passage.pairs()),
    similarity: Math.max(0, passage.similarity()),
    unknownNames: names.length === 0 ? 0 : names.filter((t) => !found.has(t.term)).length / names.length,
    known: coverageOf(found, q.terms),
    articleCoverage: shareOf(topic, (t) => (hit.matched.has(t.term) || passage.inArticle(t) ? 1 : 0)),
    nearbyCoverage: shareOf(topic, (t) => (hit.matched.has(t.term) || passage.nearby(t) ? 1 : 0)),
    rarestMissing: rarestMissing(hit.matched, topic),
    negationMismatch: q.negated !== passage.negated() ? 1 : 0,
    logStrength: best > 0 && hit.score > 0 ? Math.max(0, 1 + Math.log(hit.score / best) / 4) : 0,
    lexicalCoverage: shareOf(topic, (t) => (hit.matched.has(t.term) ? 1 : lexicalMatch(q.relations.get(t.term), passage))),
    opposite: topic.some((t) => !hit.matched.has(t.term) && sharesAny(q.relations.get(t.term)?.opposite, passage)) ? 1 : 0,
  };
}

/** How a word the passage lacks is there by meaning: 1 by a synonym or derived form, 1/2 by a broader or narrower word. */
function lexicalMatch(relations: WordRelations | undefined, passage: PassageReading): number {
  if (!relations) return 0;
  return sharesAny(relations.same, passage) ? 1 : sharesAny(relations.kin, passage) ? 0.5 : 0;
}

function sharesAny(related: ReadonlySet<string> | undefined, passage: PassageReading): boolean {
  if (!related || related.size === 0) return false;
  const own = passage.terms();
  for (const term of related) if (own.has(term)) return true;
  return false;
}

/** How many sentences either side of a passage count as nearby. */
export const NEARBY = 2;

function rarestMissing(matched: ReadonlySet<string>, terms: readonly QueryTerm[]): number {
  let rarest = 0;
  let missing = 0;
  for (const t of terms) {
    const weight = t.idf * t.weight;
    rarest = Math.max(rarest, weight);
    if (!matched.has(t.term)) missing = Math.max(missing, weight);
  }
  return rarest === 0 ? 0 : missing / rarest;
}

function softCoverageOf(matched: ReadonlySet<string>, terms: readonly QueryTerm[], passage: PassageReading): number {
  return shareOf(terms, (t) =>
    matched.has(t.term) ? 1 : t.entity ? 0 : Math.max(0, (passage.closeness(t.word) - SOFT_FLOOR) / (1 - SOFT_FLOOR)),
  );
}

function phrasesShared(phrases: readonly string[], pairs: ReadonlySet<string>): number {
  let shared = 0;
  for (const phrase of phrases) if (pairs.has(phrase)) shared++;
  return shared / phrases.length;
}

/** Every kind of evidence, in the order tuning.ts lists them. */
export const EVIDENCE_KEYS = Object.keys(RANKING) as EvidenceKey[];

/** How well a passage answers the question, to rank by: a weighted sum of its evidence (tuning.ts, RANKING, or weights being fitted). */
export function rankScore(e: Evidence, weights: Record<EvidenceKey, number> = RANKING): number {
  let z = 0;
  for (const key of EVIDENCE_KEYS) z += weights[key] * e[key];
  return z;
}

/** The best candidate's lead over the next by rank score, at most maxLead (1 when it stands alone). */
export function leadOf(best: number, next: number | undefined): number {
  return next === undefined || !Number.isFinite(next) ? 1 : Math.min(ANSWERABILITY.maxLead, best - next);
}

/** The decision's parameters: tuning.ts's, or those being fitted. */
export type AnswerModel = Pick<typeof ANSWERABILITY, "bias" | "leadWeight" | "weights">;

/**
 * How likely the best passage answers the question, from 0 to 1: a logistic score over its evidence
 * and its lead over the next passage (tuning.ts, ANSWERABILITY). One threshold says answer or not.
 */
export function answerProbability(e: Evidence, lead: number, model: AnswerModel = ANSWERABILITY): number {
  let z = model.bias + model.leadWeight * lead;
  for (const [key, weight] of Object.entries(model.weights) as [EvidenceKey, number][]) z += weight * e[key];
  return 1 / (1 + Math.exp(-z));
}

/**
 * Whether a passage answers, by its probability: never one without the kind of answer the question
 * asks for (a passage with no number does not answer "how many", however much it shares with it),
 * nor one its asked-for speaker did not say ("What did Ruiz say …" is not answered by the unions).
 */
export const answers = (probability: number, e: Evidence, threshold = ANSWERABILITY.threshold) =>
  e.typeMissing === 0 && e.speakerMissing === 0 && probability >= threshold;

const WANTED_WORDS: Record<AnswerType, string> = {
  number: "a number",
  ordinal: "how many times",
  money: "an amount",
  percent: "a percentage",
  date: "a date",
  time: "a time",
  duration: "how long",
  person: "who",
  organisation: "which organisation",
  place: "where",
  reason: "why",
  name: "a name",
};

/**
 * Why the best passage does not answer, in a sentence for the user: what the question requires
 * that the articles lack (a name, the kind of answer, the speaker), or else that they only touch on it.
 */
export function reasonFor(
  q: QuestionAnalysis,
  best: { evidence: Evidence; matched: ReadonlySet<string> } | null,
  anyMatched: ReadonlySet<string>,
): string {
  if (!best) return "Nothing in the articles matches the question.";
  const unknownNames = namesAsWritten(
    q.question,
    q.names.filter((t) => !anyMatched.has(t.term)).map((t) => t.word),
  );
  if (unknownNames.length > 0) return `The articles never mention ${list(unknownNames)}. These passages are related, not an answer.`;
  if (best.evidence.speakerMissing) return "The articles do not quote that speaker on this. These passages are related, not an answer.";
  if (best.evidence.typeMissing && q.answerTypes[0]) {
    return `The articles touch on this but never give ${WANTED_WORDS[q.answerTypes[0]]}. These passages are related, not an answer.`;
  }
  return "The articles do not answer this. These passages are related, not an answer.";
}

const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/**
 * The names the words belong to, as the question writes them: "Zorblat Industries" for "zorblat" (a run of
 * capitalised words), else the word itself, capitalised.
 */
function namesAsWritten(question: string, unknown: readonly string[]): string[] {
  const runs = [...question.matchAll(/\p{Lu}[\p{L}\p{N}'’&.-]*(?:\s+\p{Lu}[\p{L}\p{N}'’&.-]*)*/gu)].map((m) =>
    m[0].replace(/['’]s$|[.]$/u, ""),
  );
  const out: string[] = [];
  for (const word of unknown) {
    const run = runs.find((r) => words(r).includes(word)) ?? capitalise(word);
    if (!out.includes(run)) out.push(run);
  }
  return out;
}
const list = (items: string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`);
