import { createHash } from "node:crypto";
import type { Attribution } from "../attribution/attribution.js";
import type { Article } from "../corpus/article.js";
import type { Passage } from "../passages/passage.js";

/** A passage with its speaker: what the index holds and answers quote. */
export interface AttributedPassage extends Passage {
  attribution: Attribution;
}

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
}

/** A quoted passage in an answer or a lookup. */
export interface QuotedPassage {
  id: string;
  article: string;
  /** Verbatim: exactly the article's text between start and end. */
  text: string;
  start: number;
  end: number;
  paragraph: number;
  sentence: number;
  /** 1-based position among the article's passages. */
  position: number;
  speaker: string | null;
  speakerDescription: string | null;
  speechKind: Attribution["kind"];
  speakerVia: Attribution["via"];
}

export interface RankedPassage extends QuotedPassage {
  score: number;
  /** "answer" when the passage mentions what the question asks about; "related" when it only shares words. */
  relevance: "answer" | "related";
  /** Neighbouring sentences to read the passage by (it opens with a pronoun, or continues a quotation). */
  context: { before: QuotedPassage[]; after: QuotedPassage[] };
  /** Content words of the question that the passage (or its speaker) matches. */
  matchedTerms: string[];
}

export interface Answer {
  question: string;
  /** False when the articles do not answer the question: passages are then only related. */
  answered: boolean;
  /** Why there is no answer, in a sentence for the user; null when answered. */
  reason: string | null;
  passages: RankedPassage[];
  articles: Record<string, ArticleCard>;
}

export function toArticleCard(article: Article, passageCount: number): ArticleCard {
  const m = article.metadata;
  return {
    id: article.id,
    title: article.title,
    titleIsWorking: m ? m.titleIsWorking === true : true,
    publisher: m?.publisher ?? null,
    url: m?.url ?? null,
    published: m?.published ?? null,
    wireService: m?.wireService ?? null,
    originalOutlet: m?.originalOutlet ?? null,
    passageCount,
    textHash: createHash("sha256").update(article.text).digest("hex").slice(0, 16),
  };
}

export function toQuotedPassage(p: AttributedPassage): QuotedPassage {
  return {
    id: p.id,
    article: p.articleId,
    text: p.text,
    start: p.start,
    end: p.end,
    paragraph: p.paragraph,
    sentence: p.sentence,
    position: p.position + 1,
    speaker: p.attribution.speaker,
    speakerDescription: p.attribution.speakerDescription,
    speechKind: p.attribution.kind,
    speakerVia: p.attribution.via,
  };
}
