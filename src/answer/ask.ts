import { indexTerm } from "../search/terms.js";
import { needsFuzzy, type QueryTerm, type SearchHit } from "../search/passageIndex.js";
import { contextOf } from "./context.js";
import { askedSpeakerWords, canAnswer, coverage, focusWord } from "./judge.js";
import { articlesById, type Library } from "./library.js";
import { toQuotedPassage, type Answer, type ArticleCard, type RankedPassage } from "./types.js";

export interface AskOptions {
  /** How many passages at most (default 5). */
  limit?: number;
}

export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 25;
const CANDIDATES = 50;
const COVERAGE_FLOOR = 0.5;

/**
 * The best passages for a question, and whether they answer it. Passages that can answer (they
 * mention the question's names and focus) rank before those that only share words with it; when none
 * can, the answer says so and the passages are offered as related.
 */
export function ask(library: Library, question: string, options: AskOptions = {}): Answer {
  const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
  const terms = library.index.analyze(question);
  const focus = focusWord(question);
  const focusTerm = focus && terms.some((t) => t.term === indexTerm(focus) && (t.known || t.variants.length > 0)) ? indexTerm(focus) : null;
  const askedWords = new Set(askedSpeakerWords(question));
  const speakerTerms = terms.filter((t) => t.entity && askedWords.has(t.word)).map((t) => t.term);
  const searchWith = (fuzzy: boolean) => {
    // BM25 favours a rare word matched twice; weighing by coverage favours passages that answer more of the question.
    const hits = library.index
      .search(terms, CANDIDATES, { fuzzy })
      .map((hit) => ({ ...hit, score: hit.score * (COVERAGE_FLOOR + coverage(hit, terms)) }))
      .sort((a, b) => b.score - a.score);
    return { hits, answering: hits.filter((hit) => canAnswer(hit, terms, focusTerm, speakerTerms)) };
  };
  // Fuzzy matching is a retry, for misspelled words, when the exact search finds no answer.
  let { hits, answering } = searchWith(false);
  if (answering.length === 0 && terms.some(needsFuzzy)) ({ hits, answering } = searchWith(true));
  const ranked = answering.length > 0 ? [...answering, ...hits.filter((h) => !answering.includes(h))] : hits;
  const passages = ranked.slice(0, limit).map((hit) => rankedPassage(library, hit, terms, answering.includes(hit)));
  const articles: Record<string, ArticleCard> = {};
  const byId = articlesById(library);
  for (const p of passages) articles[p.article] ??= byId.get(p.article.toLowerCase())!.card;
  const reason =
    library.passages.length === 0 ? "The corpus is empty: there are no articles to answer from yet."
    : terms.length === 0 ? "The question has no words to search the articles for."
    : hits.length === 0 ? "Nothing in the articles matches the question."
    : answering.length === 0 ? "The articles do not answer this. These passages are related, not an answer."
    : null;
  return { question, answered: reason === null, reason, passages, articles };
}

function rankedPassage(library: Library, hit: SearchHit, terms: readonly QueryTerm[], answers: boolean): RankedPassage {
  const passage = library.passages.at(hit.doc)!;
  const context = contextOf(library.passages, hit.doc);
  return {
    ...toQuotedPassage(passage),
    score: Math.round(hit.score * 1000) / 1000,
    relevance: answers ? "answer" : "related",
    context: { before: context.before.map(toQuotedPassage), after: context.after.map(toQuotedPassage) },
    matchedTerms: terms.filter((t) => hit.matched.has(t.term)).map((t) => t.word),
  };
}
