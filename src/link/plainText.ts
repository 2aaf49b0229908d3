/**
 * An article's text as Citebot stores it, from a page: paragraphs separated by blank lines. What a
 * plain-text page needs, and what reading an HTML page (extract.ts, on a thread of its own) ends with:
 * kept apart from extract.ts so that the bot's own thread never loads a DOM.
 */

/** An article taken out of a web page: its text as paragraphs, and what the page says about it. */
export interface ExtractedArticle {
  /** Paragraphs separated by blank lines: what is stored as the article's .txt, so quotes are exact against it. */
  text: string;
  title: string | null;
  publisher: string | null;
  /** YYYY-MM-DD. */
  published: string | null;
  /** The page's canonical link, else the address it came from. */
  url: string;
}

/** A plain-text page: its text as it is, paragraphs where it has blank lines or line breaks. */
export function plainArticle(text: string, pageUrl: string): ExtractedArticle {
  return { text: plainParagraphs(text).join("\n\n"), title: null, publisher: null, published: null, url: pageUrl };
}

/** A text's paragraphs: lines, or runs of lines between blank ones, each as one line. */
export function plainParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n|\n/)
    .map(flat)
    .filter((t) => t !== "");
}

/** White space as one space, as a reader sees it: the page's line breaks inside a paragraph are layout. */
export const flat = (text: string) => text.replace(/\s+/g, " ").trim();
