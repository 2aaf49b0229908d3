import type { QuotedPassage } from "../answer/types.js";
import type { ArticleCard } from "../library/articleCard.js";

/**
 * What every transport draws the same way, whatever its syntax: how text is shortened and quoted,
 * who said a passage, where an article came through, the link that opens an article at a quote. The text renderer and the Discord renderer
 * format these; neither works them out again.
 */

/**
 * Shortens text to at most max characters: at the last sentence end that fits, else the last space,
 * never inside a word, with an ellipsis.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(0, max - 1));
  const sentenceEnd = Math.max(...[". ", "! ", "? ", ".\n", '." '].map((m) => room.lastIndexOf(m)));
  if (sentenceEnd > max / 2) return `${room.slice(0, sentenceEnd + 1).trimEnd()}…`;
  const space = room.search(/\s\S*$/);
  return `${(space > 0 ? room.slice(0, space) : room).trimEnd()}…`;
}

/** Each line of the text as a quote line, `> ` after the indent (Discord's block quote too). */
export function quoteLines(text: string, indent = ""): string {
  return text
    .split("\n")
    .map((line) => `${indent}> ${line}`)
    .join("\n");
}

/**
 * Who said a passage: the name, quoted or reported, the article's description of them when it says
 * more, and whether the name is only probable: the sentence says "he", "she" or "the minister", and
 * Citebot worked out whom from the sentences before (right about nine times in ten on news it was not
 * written for), rather than naming them itself.
 */
export function speakerOf(
  p: QuotedPassage,
): { name: string; how: "quoted" | "reported"; description: string | null; probably: boolean } | null {
  if (!p.speaker) return null;
  return {
    name: p.speaker,
    how: p.speechKind === "direct" ? "quoted" : "reported",
    description: p.speakerDescription && p.speakerDescription !== p.speaker ? p.speakerDescription : null,
    probably: p.speakerProbable,
  };
}

/** How an article came to its publisher: from a wire service, or reporting another outlet's story. */
export function channelOf(a: ArticleCard): { wire: string } | { reporting: string } | null {
  return a.wireService ? { wire: a.wireService } : a.originalOutlet ? { reporting: a.originalOutlet } : null;
}

/** Said of a passage from the asking server's own articles, not the shared corpus. */
export const FROM_SERVER = "from this server's own articles";

/** Words of a long quote kept at each end of a text fragment (`textStart,textEnd`). */
const FRAGMENT_WORDS = 4;

/**
 * The article's link with a text fragment (`#:~:text=`) for the quote, so a browser scrolls to the
 * sentence and highlights it: the whole sentence when short, else its first and last words. Any
 * fragment the link had is replaced; `-`, `,` and `&` are escaped, as the syntax requires.
 */
export function textFragmentUrl(url: string, quote: string): string | null {
  if (!URL.canParse(url)) return null;
  const words = quote.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  if (words.length === 0) return null;
  const encode = (text: string) => encodeURIComponent(text).replace(/-/g, "%2D");
  const directive =
    words.length <= FRAGMENT_WORDS * 2
      ? encode(words.join(" "))
      : `${encode(words.slice(0, FRAGMENT_WORDS).join(" "))},${encode(words.slice(-FRAGMENT_WORDS).join(" "))}`;
  const base = url.replace(/#.*$/, "");
  return `${base}#:~:text=${directive}`;
}
