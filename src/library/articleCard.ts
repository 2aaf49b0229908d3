import { createHash } from "node:crypto";
import type { Article } from "../corpus/article.js";
import type { Passage } from "../passages/passage.js";

/** The facts about an article that travel with every quote from it. */
export interface ArticleCard {
  id: string;
  title: string;
  /** True when the title is descriptive, not the published headline. */
  titleIsWorking: boolean;
  publisher: string | null;
  url: string | null;
  published: string | null;
  wireService: string | null;
  originalOutlet: string | null;
  passageCount: number;
  /** A hash of the article's text: tells a changed article from an unchanged one across reindexes. */
  textHash: string;
  /** Set when the article is one of the asking server's own, not the shared corpus's. */
  fromServer?: true;
}

/** Longest title made from an article's opening sentence. */
const MAX_TITLE_FROM_TEXT = 100;

export function toArticleCard(article: Article, passages: readonly Passage[]): ArticleCard {
  const m = article.metadata;
  return {
    id: article.id,
    title: m?.title ?? titleFromOpening(passages[0]?.text ?? article.id),
    titleIsWorking: m ? m.titleIsWorking === true : true,
    publisher: m?.publisher ?? null,
    url: m?.url ?? null,
    published: m?.published ?? null,
    wireService: m?.wireService ?? null,
    originalOutlet: m?.originalOutlet ?? null,
    passageCount: passages.length,
    textHash: createHash("sha256").update(article.text).digest("hex").slice(0, 16),
  };
}

/** An article without metadata is titled by its first sentence, soft line breaks and all, cut at a word. */
export function titleFromOpening(sentence: string): string {
  const flat = sentence.replace(/\s+/g, " ").trim();
  if (flat.length <= MAX_TITLE_FROM_TEXT) return flat;
  const cut = flat.slice(0, MAX_TITLE_FROM_TEXT - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 1)).trimEnd()}…`;
}
