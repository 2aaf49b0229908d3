/** A half-open range [start, end) of a text, in UTF-16 code units (what String.slice takes). */
export interface Span {
  start: number;
  end: number;
}

const BLANK_LINE = /\n[ \t\r\f\v\u00a0]*\n/;

/**
 * Paragraphs of an article. A text with blank lines separates paragraphs with them (a single line
 * break inside is a soft wrap); a text without any has one paragraph per line.
 * Spans are trimmed of surrounding white space; empty paragraphs are dropped.
 */
export function splitParagraphs(text: string): Span[] {
  const separator = BLANK_LINE.test(text) ? /\n(?:[ \t\r\f\v\u00a0]*\n)+/g : /\n/g;
  const spans: Span[] = [];
  let from = 0;
  for (const match of text.matchAll(separator)) {
    pushTrimmed(text, from, match.index, spans);
    from = match.index + match[0].length;
  }
  pushTrimmed(text, from, text.length, spans);
  return spans;
}

/** Adds [start, end) less its leading and trailing white space, if anything is left. */
export function pushTrimmed(text: string, start: number, end: number, into: Span[]): void {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  if (end > start) into.push({ start, end });
}
