import { type WordRelations, wordNet } from "../lexicon/wordNet.js";
import type { PassageIndex, QueryTerm } from "../search/passageIndex.js";
import { QUESTION_WORDS, STOPWORDS } from "../search/stopwords.js";
import { indexTerm, words } from "../search/terms.js";
import { NEIGHBOURS, SPELLING } from "../tuning.js";
import type { VectorTable } from "../vectors/table.js";
import { type AnswerType, expectedAnswerTypes, namesAnswerKind } from "./answerTypes.js";
import { tagged } from "./nlp.js";

/**
 * What a question asks, worked out once: the words to search for, the names an answer must mention,
 * its focus ("population" in "What is the population of …"), the speaker it asks about ("What did X
 * say …"), and the kind of answer it wants.
 */
export interface QuestionAnalysis {
  question: string;
  /** Content words, as the index terms they are searched with. */
  terms: QueryTerm[];
  /** Of those, the names (capitalised, or mostly so in the articles). */
  names: QueryTerm[];
  /** The index term of the word an answer must mention; null when there is none or the corpus lacks it. */
  focus: string | null;
  /** "What did X say …": the index terms of X, who must be the passage's speaker. */
  speakerTerms: string[];
  /**
   * Its content words that stand next to each other, as index terms ("best actor", "wholesale
   * prices"): a passage that has them side by side too says the same thing, not only the same words.
   */
  phrases: string[];
  /** The kinds of answer accepted, most wanted first; empty when any kind will do. */
  answerTypes: AnswerType[];
  /** The question's sentence vector, to compare with passages by meaning; null without word vectors. */
  vector: Float32Array | null;
  /** Whether the question is negated ("Which city did not …"). */
  negated: boolean;
  /** What WordNet relates each of its words to (not names), by index term; empty without WordNet. */
  relations: Map<string, WordRelations>;
}

/** Words that negate a sentence: "not", "never", "no" …, and the contractions in "n't" as words() folds them ("didn't" → "didnt"). */
const NEGATIONS = new Set([
  ..."not no never none nobody nothing neither nor without cannot nowhere".split(" "),
  ..."dont doesnt didnt isnt arent wasnt werent cant couldnt wouldnt shouldnt wont hasnt havent hadnt neednt mustnt aint".split(" "),
]);

/** Whether the words (as words() gives them) negate their sentence. */
export function isNegated(ws: readonly string[]): boolean {
  return ws.some((w) => NEGATIONS.has(w));
}

/** What/which …, how many/much …: the words after them, up to the verb, say what the question asks about. */
const ASKS_ABOUT = /^(?:what|which|how many|how much)\s+(?:(?:is|are|was|were)\s+(?:the|a|an)\s+)?/;

/** "What did X say …", "How did X describe …": X must be the passage's speaker, not just mentioned. */
const ASKS_WHAT_SOMEONE_SAID =
  /^(?:what|how|why)\s+(?:did|does|do|has|have|had)\s+(.+?)\s+(?:say|tell|claim|think|describe|announce|report|expect|predict|warn|deny|accuse|argue|want|mean)\b/;

export function analyzeQuestion(question: string, index: PassageIndex, vectors: VectorTable | null = null): QuestionAnalysis {
  const terms = index.analyze(question);
  // Names are never widened: a neighbour of "Lavrov" is somebody else. Nor are the commonest
  // words: the nearest to "make" are "take" and "give".
  if (vectors) {
    const own = new Set(terms.map((t) => t.term));
    for (const t of terms) {
      const rank = vectors.rankOf(t.word);
      t.common = rank < SPELLING.commonest;
      if (t.entity || rank < NEIGHBOURS.commonest) continue;
      for (const n of vectors.neighbours(t.word, NEIGHBOURS.perWord, NEIGHBOURS.minSimilarity)) {
        const term = indexTerm(n.word);
        if (
          term === null ||
          own.has(term) ||
          t.synonyms.includes(term) ||
          t.variants.includes(term) ||
          t.neighbours.some((m) => m.term === term)
        )
          continue;
        t.neighbours.push({ term, similarity: n.similarity });
      }
    }
  }
  const questionWords = words(question);
  const normalised = questionWords.join(" ");
  // A hyphenated word is one word of the phrase here ("made-up name"), not its parts.
  const focus = focusOf(words(question.replace(/(\p{L})[-\u2010\u2011](?=\p{L})/gu, "$1")).join(" "), terms);
  const asked = new Set(normalised.match(ASKS_WHAT_SOMEONE_SAID)?.[1]?.split(" ") ?? []);
  return {
    question,
    terms,
    names: terms.filter((t) => t.entity),
    focus,
    speakerTerms: terms.filter((t) => t.entity && asked.has(t.word)).map((t) => t.term),
    phrases: [...adjacentPairs(questionWords.filter((w) => !QUESTION_WORDS.has(w)))],
    answerTypes: expectedAnswerTypes(question),
    vector: vectors?.sentenceVector(questionWords.filter((w) => !STOPWORDS.has(w) && !QUESTION_WORDS.has(w))) ?? null,
    negated: isNegated(questionWords),
    relations: relationsOf(terms),
  };
}

/** WordNet's relations of the question's words that are not names. */
function relationsOf(terms: readonly QueryTerm[]): Map<string, WordRelations> {
  const relations = new Map<string, WordRelations>();
  const lexicon = wordNet();
  if (!lexicon) return relations;
  for (const t of terms) if (!t.entity) relations.set(t.term, lexicon.relationsOf(t.word));
  return relations;
}

/**
 * The word an answer must mention: the head of the phrase the question asks about, the last of its
 * words before the verb that is not a name ("How many Ohio school districts closed" → districts,
 * "What is the biggest fine the union could face" → fine). Null when that word names the kind of answer
 * (city, year, percentage), when the corpus lacks it, or when the question asks about no phrase.
 */
function focusOf(normalised: string, terms: readonly QueryTerm[]): string | null {
  const opening = normalised.match(ASKS_ABOUT);
  if (!opening) return null;
  const rest = normalised.slice(opening[0].length).split(" ");
  const tags = tagged(rest.join(" "));
  const phrase: string[] = [];
  for (const [i, word] of rest.entries()) {
    // The phrase ends at a function word ("does", "of", "for") or at a verb after its first word.
    if (STOPWORDS.has(word) || (i > 0 && tags[i]?.word === word && (tags[i]!.pos === "VERB" || tags[i]!.pos === "AUX"))) break;
    phrase.push(word);
  }
  const byTerm = new Map(terms.map((t) => [t.term, t]));
  for (const word of phrase.reverse()) {
    const term = indexTerm(word);
    const t = term ? byTerm.get(term) : undefined;
    if (!t || t.entity) continue;
    return namesAnswerKind(word) || !(t.known || t.variants.length > 0) ? null : t.term;
  }
  return null;
}

/**
 * The pairs of index terms that stand next to each other once stopwords are set aside, each as
 * "first second": "best actor", "actor ceremoni" for "best actor at the ceremony".
 */
export function adjacentPairs(words: readonly string[]): Set<string> {
  return adjacentPairsOfTerms(words.map(indexTerm));
}

/** The same, of the words' index terms in order (null for a stopword). */
export function adjacentPairsOfTerms(terms: readonly (string | null)[]): Set<string> {
  const pairs = new Set<string>();
  let previous: string | null = null;
  for (const term of terms) {
    if (term === null) continue;
    if (previous !== null && previous !== term) pairs.add(`${previous} ${term}`);
    previous = term;
  }
  return pairs;
}
