import type { Attribution } from "../attribution/attribution.js";
import type { ArticleCard } from "../library/articleCard.js";
import type { AttributedPassage } from "../library/passageTable.js";

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
  /** The speaker was worked out ("he", a role, a shared surname), not named: shown as "probably". */
  speakerProbable: boolean;
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
    speakerProbable: p.attribution.probable,
  };
}
