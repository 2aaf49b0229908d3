import type { ArticleMetadata } from "./metadata.js";

export interface Article {
  id: string;
  /** The file's text exactly as stored: every quote is a slice of it. */
  text: string;
  /** Null when the article has no metadata file (it still loads, with a warning). */
  metadata: ArticleMetadata | null;
  /** The text file's name inside the corpus folder. */
  file: string;
}
