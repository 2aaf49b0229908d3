import type { PassageIndex } from "../search/passageIndex.js";
import type { VectorTable } from "../vectors/table.js";
import type { ArticleCard } from "./articleCard.js";
import type { PassageTable } from "./passageTable.js";

/** Everything answers are made from: articles, their attributed passages, the index over them, and word vectors. */
export interface Library {
  articles: ArticleCard[];
  /** All passages, article by article (in the order of `articles`), each article's in order. */
  passages: PassageTable;
  index: PassageIndex;
  /** The corpus's word vectors, for meaning beyond shared words; null when the embeddings are not installed. */
  vectors: VectorTable | null;
  /** Where each article is, by lower-cased id: answers and lookups use it on every request. */
  byId: ReadonlyMap<string, ArticleLookup>;
}

/** Where an article is: its card and the range of its passages. */
export interface ArticleLookup {
  card: ArticleCard;
  /** Index of the article's first passage in Library.passages, and one past its last. */
  start: number;
  end: number;
}

/** A library from its parts, built or read back from a snapshot, with its lookup by id made once. */
export function assembleLibrary(parts: Omit<Library, "byId">): Library {
  const byId = new Map<string, ArticleLookup>();
  for (const [a, card] of parts.articles.entries()) byId.set(card.id.toLowerCase(), { card, ...parts.passages.rangeOf(a) });
  return { ...parts, byId };
}
