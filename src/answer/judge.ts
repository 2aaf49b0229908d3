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

/** The question's focus word, if it has one that an answer must mention ("population" in "What is the population of …"). */
export function focusWord(question: string): string | null {
  const normalised = words(question).join(" ");
  const word = normalised.match(FOCUS)?.[1];
  if (!word || ANSWER_TYPES.has(word)) return null;
  return word;
}

/**
 * Whether a passage can answer the question: it mentions every name the question does (one may be
 * missing when the passage otherwise matches strongly, with two or more other content words), and
 * the question's focus word when it has one.
 */
export function canAnswer(hit: SearchHit, terms: readonly QueryTerm[], focusTerm: string | null): boolean {
  const entities = terms.filter((t) => t.entity);
  const missing = entities.filter((t) => !hit.matched.has(t.term)).length;
  const otherMatches = terms.filter((t) => !t.entity && hit.matchedOwn.has(t.term)).length;
  if (missing > 1 || (missing === 1 && otherMatches < 2)) return false;
  if (focusTerm && !hit.matched.has(focusTerm)) return false;
  return hit.matched.size > 0;
}
