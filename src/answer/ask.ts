import type { ArticleCard } from "../library/articleCard.js";
import { contextOf } from "../library/context.js";
import type { Library } from "../library/library.js";
import { adjacentPairsOfTerms, analyzeQuestion, isNegated, type QuestionAnalysis } from "../question/analyze.js";
import { type AnswerType, type AnswerValue, answerValuesFrom, sourcesOf, type ValueSource } from "../question/answerTypes.js";
import { needsFuzzy, type QueryTerm, type SearchHit } from "../search/passageIndex.js";
import { STOPWORDS } from "../search/stopwords.js";
import { BY_MEANING, CANDIDATES, JUDGED } from "../tuning.js";
import {
  answerProbability,
  answers,
  type Evidence,
  evidenceOf,
  leadOf,
  NEARBY,
  type PassageReading,
  rankScore,
  reasonFor,
} from "./answerability.js";
import { type Answer, type RankedPassage, toQuotedPassage } from "./types.js";

export interface AskOptions {
  /** How many passages at most (default 5). */
  limit?: number;
}

export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 25;

export interface Judged {
  hit: SearchHit;
  evidence: Evidence;
  score: number;
}

/**
 * The best passages for a question, and whether they answer it: the question analysed once, the
 * index searched, the best candidates judged by one calibrated score (answerability.ts) and ranked
 * by it. When none reaches the threshold the answer says why, and the passages are offered as related.
 */
export function ask(library: Library, question: string, options: AskOptions = {}): Answer {
  const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
  const q = analyzeQuestion(question, library.index, library.vectors);
  const { ranked, answered } = judgeQuestion(library, q);
  const passages = ranked
    .slice(0, limit)
    .map((j, i) => rankedPassage(library, j, q.terms, answered && (i === 0 || answers(answerProbability(j.evidence, 0), j.evidence))));
  const articles: Record<string, ArticleCard> = {};
  const byId = library.byId;
  for (const p of passages) articles[p.article] ??= byId.get(p.article.toLowerCase())!.card;
  const anyMatched = new Set(ranked.flatMap((j) => [...j.hit.matched]));
  const reason =
    library.passages.length === 0
      ? "The corpus is empty: there are no articles to answer from yet."
      : q.terms.length === 0
        ? "The question has no words to search the articles for."
        : answered
          ? null
          : reasonFor(q, ranked[0] ? { evidence: ranked[0].evidence, matched: ranked[0].hit.matched } : null, anyMatched);
  return { question, answered: reason === null, reason, passages, articles };
}

/**
 * The question's candidates judged and ranked, and whether the best answers: what ask shows, and
 * what calibration fits. Fuzzy matching is a retry, for misspelled words, when the exact search
 * finds no answer.
 */
export function judgeQuestion(library: Library, q: QuestionAnalysis): ReturnType<typeof decide> {
  const exact = decide(judgeCandidates(library, q, false));
  if (exact.answered || !q.terms.some(needsFuzzy)) return exact;
  const fuzzy = decide(judgeCandidates(library, q, true));
  return fuzzy.answered || exact.ranked.length === 0 ? fuzzy : exact;
}

/** The candidates ranked, and whether the best answers: its probability, from its evidence and its lead over the next. */
export function decide(judged: Judged[]): { ranked: Judged[]; answered: boolean; probability: number } {
  const ranked = [...judged].sort((a, b) => b.score - a.score || b.hit.score - a.hit.score);
  const [first, second] = ranked;
  const probability = first ? answerProbability(first.evidence, leadOf(first.score, second?.score)) : 0;
  return { ranked, answered: first !== undefined && answers(probability, first.evidence), probability };
}

/** The search's candidates for a question, each with its evidence and score. */
export function judgeCandidates(library: Library, q: QuestionAnalysis, fuzzy: boolean): Judged[] {
  const hits = library.index.search(q.terms, CANDIDATES, { fuzzy });
  const best = hits[0]?.score ?? 0;
  // The second source of candidates: passages nearest the question in meaning, however worded.
  const seen = new Set(hits.slice(0, JUDGED).map((h) => h.doc));
  const byMeaning = q.vector && library.vectors ? library.vectors.nearestPassages(q.vector, BY_MEANING) : [];
  const extra = byMeaning
    .filter((n) => !seen.has(n.passage))
    .map((n) =>
      library.index.hitFor(q.terms, n.passage, distinct(library.passages.termsAt(n.passage)), library.passages.speakerAt(n.passage)),
    );
  const judgedHits = [...hits.slice(0, JUDGED), ...extra];
  // Their similarity is known already; the others' is worked out only when judged closely.
  const nearness = new Map(byMeaning.map((n) => [n.passage, n.similarity]));
  const found = new Set([
    ...q.terms.filter((t) => t.known || t.variants.length > 0).map((t) => t.term),
    ...hits.flatMap((h) => [...h.matched]),
  ]);
  const rest = hits.slice(JUDGED).filter((h) => !extra.some((e) => e.doc === h.doc));
  const evidence = (hit: SearchHit, closely: boolean) =>
    evidenceOf(q, hit, best, new CandidateReading(library, q, hit.doc, closely, nearness.get(hit.doc)), found);
  return [
    ...judgedHits.map((hit) => {
      const judged = evidence(hit, true);
      return { hit, evidence: judged, score: rankScore(judged) };
    }),
    // Only the closely judged may answer: the rest follow, in their search order, their evidence
    // worked out only if something reads it (calibration does; an answer does not).
    ...rest.map((hit) => new RoughlyJudged(hit, () => evidence(hit, false))),
  ];
}

/** A candidate judged only roughly: it ranks after those judged closely, whatever its evidence. */
class RoughlyJudged implements Judged {
  readonly score = -Infinity;
  private known: Evidence | undefined;

  constructor(
    readonly hit: SearchHit,
    private readonly read: () => Evidence,
  ) {}

  get evidence(): Evidence {
    this.known ??= this.read();
    return this.known;
  }
}

function rankedPassage(library: Library, j: Judged, terms: readonly QueryTerm[], answering: boolean): RankedPassage {
  const passage = library.passages.at(j.hit.doc)!;
  const context = contextOf(library.passages, j.hit.doc);
  return {
    ...toQuotedPassage(passage),
    score: Number.isFinite(j.score) ? Math.round(j.score * 1000) / 1000 : 0,
    relevance: answering ? "answer" : "related",
    context: { before: context.before.map(toQuotedPassage), after: context.after.map(toQuotedPassage) },
    matchedTerms: terms.filter((t) => j.hit.matched.has(t.term)).map((t) => t.word),
  };
}

/**
 * What judging reads of one candidate passage, each part worked out once and only when a signal asks
 * for it. A passage judged only roughly (not `closely`: it ranks after those that are, whatever its
 * evidence) is read no further than its search hit.
 */
class CandidateReading implements PassageReading {
  readonly speaker: string | null;
  private readonly start: number;
  private readonly end: number;
  private textWords: string[] | undefined;
  private contentWords: string[] | undefined;
  private termsOfText: Set<string> | undefined;
  private wordTerms: (string | null)[] | undefined;

  constructor(
    private readonly library: Library,
    private readonly q: QuestionAnalysis,
    private readonly doc: number,
    private readonly closely: boolean,
    /** Its cosine with the question, when the search by meaning found it. */
    private readonly nearness: number | undefined,
  ) {
    // The speaker only: a whole passage (its id and place) is made only for those an answer quotes.
    this.speaker = library.passages.speakerAt(doc);
    ({ start: this.start, end: this.end } = library.passages.articleRangeAt(doc));
  }

  values(): AnswerValue[] {
    return this.closely ? valuesOf(this.library, this.doc, this.q.answerTypes) : [];
  }

  similarity(): number {
    const { q, library } = this;
    if (this.nearness !== undefined) return this.nearness;
    return this.closely && q.vector && library.vectors ? library.vectors.similarityToPassage(q.vector, this.doc) : 0;
  }

  closeness(word: string): number {
    if (!this.closely || !this.library.vectors) return 0;
    this.contentWords ??= this.words().filter((w) => !STOPWORDS.has(w));
    return this.library.vectors.closest(word, this.contentWords);
  }

  pairs(): ReadonlySet<string> {
    return this.closely && this.q.phrases.length > 0 ? adjacentPairsOfTerms(this.termsInOrder()) : NO_PAIRS;
  }

  inArticle(t: QueryTerm): boolean {
    return this.library.index.occursIn(t, this.start, this.end);
  }

  nearby(t: QueryTerm): boolean {
    return this.library.index.occursIn(t, Math.max(this.start, this.doc - NEARBY), Math.min(this.end, this.doc + NEARBY + 1));
  }

  negated(): boolean {
    return this.closely && isNegated(this.words());
  }

  terms(): ReadonlySet<string> {
    this.termsOfText ??= this.closely ? distinct(this.termsInOrder()) : NO_TERMS;
    return this.termsOfText;
  }

  /** The index terms of its words, in order (null for stopwords). */
  private termsInOrder(): (string | null)[] {
    this.wordTerms ??= this.library.passages.termsAt(this.doc);
    return this.wordTerms;
  }

  /** The passage's words, as the build cut them. */
  private words(): string[] {
    this.textWords ??= this.library.passages.wordsAt(this.doc);
    return this.textWords;
  }
}

const NO_PAIRS: ReadonlySet<string> = new Set();

/** The distinct terms of a passage's, stopwords left out. */
function distinct(terms: readonly (string | null)[]): Set<string> {
  const out = new Set<string>();
  for (const term of terms) if (term !== null) out.add(term);
  return out;
}
const NO_TERMS: Set<string> = new Set();

/**
 * The answer values of a passage a question asks for, each source of them (answerTypes.ts) worked out
 * once per library for the passages questions keep finding. Not paid for by the build: a question
 * reads the values of its few closely judged candidates, and tagging every passage of a million
 * (wink-nlp, tens of microseconds each) would cost a reindex more than all its questions save.
 */
function valuesOf(library: Library, doc: number, types: readonly AnswerType[]): AnswerValue[] {
  let cache = valueCaches.get(library);
  if (!cache) {
    cache = new Map();
    valueCaches.set(library, cache);
  }
  let known = cache.get(doc);
  if (!known) {
    if (cache.size >= VALUES_REMEMBERED) cache.clear();
    known = {};
    cache.set(doc, known);
  }
  const values: AnswerValue[] = [];
  let text: string | undefined;
  for (const source of sourcesOf(types)) {
    if (!known[source]) {
      text ??= library.passages.textAt(doc);
      known[source] = answerValuesFrom(text, source);
    }
    values.push(...known[source]);
  }
  return values;
}

const valueCaches = new WeakMap<Library, Map<number, Partial<Record<ValueSource, AnswerValue[]>>>>();
const VALUES_REMEMBERED = 20_000;
