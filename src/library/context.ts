import type { AttributedPassage, PassageTable } from "./passageTable.js";

/** Opens with a word that points back to an earlier sentence: "He did not say …", "This was refuted …". */
const OPENS_WITH_REFERENCE =
  /^["'\u201c\u2018]?(?:he|she|it|they|this|that|these|those|his|her|its|their|the (?:outlet|ministry|agency|group|official|statement|move|deal|arrangement))\b/i;

export interface PassageContext<P> {
  before: P[];
  after: P[];
}

/**
 * The sentences a reader needs beside passages[i]: the one before when it opens with a pronoun, names
 * its speaker only as "he", or continues a quotation; the one after when its quotation runs on.
 * Never beyond the passage's own article.
 */
export function contextOf(passages: PassageTable, i: number): PassageContext<AttributedPassage> {
  const passage = passages.at(i)!;
  const previous = passages.sameArticle(i, i - 1) ? passages.at(i - 1) : undefined;
  const next = passages.sameArticle(i, i + 1) ? passages.at(i + 1) : undefined;
  const { via, quoteOpenBefore, quoteOpenAfter } = passage.attribution;
  const needsBefore = OPENS_WITH_REFERENCE.test(passage.text) || via === "pronoun" || quoteOpenBefore;
  return {
    before: needsBefore && previous ? [previous] : [],
    after: quoteOpenAfter && next ? [next] : [],
  };
}

/** The sentences around passages[i] inside its article, `radius` each side: for looking a passage up. */
export function surroundingsOf(passages: PassageTable, i: number, radius: number): PassageContext<AttributedPassage> {
  const articleId = passages.at(i)!.articleId;
  const before = passages.slice(i - radius, i).filter((p) => p.articleId === articleId);
  const after = passages.slice(i + 1, i + 1 + radius).filter((p) => p.articleId === articleId);
  return { before, after };
}
