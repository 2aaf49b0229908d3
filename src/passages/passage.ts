import type { Span } from "./paragraphs.js";

/** A sentence of an article: the unit Citebot quotes. */
export interface Passage extends Span {
  /** `<article id>:<paragraph>.<sentence>`, both 1-based: stable while the article's text is unchanged. */
  id: string;
  articleId: string;
  /** 1-based paragraph number in the article. */
  paragraph: number;
  /** 1-based sentence number inside its paragraph. */
  sentence: number;
  /** Where the passage comes in its article, counting from 0 (replies show it counting from 1, as `position`). */
  indexInArticle: number;
  /** Exactly `article.text.slice(start, end)`. */
  text: string;
}

export function passageId(articleId: string, paragraph: number, sentence: number): string {
  return `${articleId}:${paragraph}.${sentence}`;
}
