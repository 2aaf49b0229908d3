import type { Article } from "../corpus/article.js";
import { splitParagraphs } from "./paragraphs.js";
import { type Passage, passageId } from "./passage.js";
import { splitSentences } from "./sentences.js";

/** Every sentence of the article, in order, with its exact offsets in the article's text. */
export function passagesOf(article: Pick<Article, "id" | "text">): Passage[] {
  const passages: Passage[] = [];
  splitParagraphs(article.text).forEach((paragraph, p) => {
    splitSentences(article.text, paragraph.start, paragraph.end).forEach((span, s) => {
      passages.push({
        id: passageId(article.id, p + 1, s + 1),
        articleId: article.id,
        paragraph: p + 1,
        sentence: s + 1,
        indexInArticle: passages.length,
        start: span.start,
        end: span.end,
        text: article.text.slice(span.start, span.end),
      });
    });
  });
  return passages;
}
