import type { QueryTerm, SearchHit } from "../search/passageIndex.js";
import { words } from "../search/terms.js";

/**
 * Words that name the kind of answer wanted rather than something the answer says: "Which city …"
 * is answered by "Geneva", not by the word "city".
 */
const ANSWER_TYPES = new Set(
  `city cities country countries town place places year years day days month date time times person people
  man men woman women name names number amount group groups organisation organization company side sides
  official officials leader leaders reason reasons way ways thing things kind type part`.split(/\s+/),
);

/** What/which X, how many/much X: X is what the question asks about. */
const FOCUS = /^(?:what|which|how many|how much)\s+(?:(?:is|are|was|were)\s+(?:the|a|an)\s+)?(\p{L}[\p{L}'-]*)/u;

/** "What did X say …", "How did X describe …": X must be the passage's speaker, not just mentioned. */
const ASKS_WHAT_SOMEONE_SAID =
  /^(?:what|how|why)\s+(?:did|does|do|has|have|had)\s+(.+?)\s+(?:say|tell|claim|think|describe|announce|report|expect|predict|warn|deny|accuse|argue|want|mean)\b/;

/** The words naming the speaker a question asks about, if it asks what someone said. */
export function askedSpeakerWords(question: string): string[] {
  const who = words(question).join(" ").match(ASKS_WHAT_SOMEONE_SAID)?.[1];
  return who ? who.split(" ") : [];
}

/** The question's focus word, if it has one that an answer must mention ("population" in "What is the population of …"). */
export function focusWord(question: string): string | null {
  const normalised = words(question).join(" ");
  const word = normalised.match(FOCUS)?.[1];
  if (!word || ANSWER_TYPES.has(word)) return null;
  return word;
}

/**
 * Below this share of the question's information (IDF-weighted words) a passage is only related: most
 * of what was asked about ("the weather in Paris") is not in it.
 */
export const MIN_COVERAGE = 0.3;

/** The share of the question's information, by IDF and word weight, that the passage matches. */
export function coverage(hit: SearchHit, terms: readonly QueryTerm[]): number {
  let total = 0;
  let matched = 0;
  for (const t of terms) {
    total += t.idf * t.weight;
    if (hit.matched.has(t.term)) matched += t.idf * t.weight;
  }
  return total === 0 ? 0 : matched / total;
}

/**
 * Whether a passage can answer the question: it mentions every name the question does (one may be
 * missing when the passage otherwise matches strongly, with two or more other content words), the
 * question's focus word when it has one, and enough of the rest (MIN_COVERAGE). When the question asks
 * what someone said, the names in speakerTerms must be the passage's speaker.
 */
export function canAnswer(hit: SearchHit, terms: readonly QueryTerm[], focusTerm: string | null, speakerTerms: readonly string[] = []): boolean {
  if (speakerTerms.some((t) => !hit.matchedSpeaker.has(t))) return false;
  // "What did X say about Y": being X's is not enough, the passage must be about Y too.
  const topic = terms.filter((t) => !speakerTerms.includes(t.term));
  if (speakerTerms.length > 0 && topic.length > 0 && coverage(hit, topic) < MIN_COVERAGE) return false;
  const entities = terms.filter((t) => t.entity);
  const missing = entities.filter((t) => !hit.matched.has(t.term)).length;
  const otherMatches = terms.filter((t) => !t.entity && hit.matchedOwn.has(t.term)).length;
  if (missing > 1 || (missing === 1 && otherMatches < 2)) return false;
  if (focusTerm && !hit.matched.has(focusTerm)) return false;
  return coverage(hit, terms) >= MIN_COVERAGE;
}
