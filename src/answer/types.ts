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
  /**
   * Offsets in the article's text as decoded from UTF-8, in UTF-16 code units (what JavaScript's
   * String.slice takes; a byte-order mark counts as one, a character beyond the BMP such as an emoji
   * as two): `articleText.slice(start, end) === text`.
   */
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

export function toQuotedPassage(p: AttributedPassage): QuotedPassage {
  return {
    id: p.id,
    article: p.articleId,
    text: p.text,
    start: p.start,
    end: p.end,
    paragraph: p.paragraph,
    sentence: p.sentence,
    position: p.indexInArticle + 1,
    speaker: p.attribution.speaker,
    speakerDescription: p.attribution.speakerDescription,
    speechKind: p.attribution.kind,
    speakerVia: p.attribution.via,
  };
}
