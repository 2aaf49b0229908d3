import type { ArticleMetadata } from "./metadata.js";

/** An article id is its file name without `.txt`: letters, digits, `_` and `-`. */
export const ARTICLE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/;

export interface Article {
  id: string;
  /** The file's text exactly as stored: every quote is a slice of it. */
  text: string;
  /** The metadata title, or for an article without metadata, its opening words. */
  title: string;
  /** Null when the article has no metadata file (it still loads, with a warning). */
  metadata: ArticleMetadata | null;
  /** The text file's name inside the corpus folder. */
  file: string;
}
