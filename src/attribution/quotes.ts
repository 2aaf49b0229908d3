import type { Span } from "../passages/paragraphs.js";

/**
 * Quotations in text.slice(start, end), quote marks included. Straight double quotes alternate open
 * and close; curly ones say which they are. A quotation left open runs to the end of the span (news
 * style opens each paragraph of a long quotation afresh). Apostrophes are never quote marks here.
 */
export function quotationsIn(text: string, start: number, end: number): Span[] {
  const quotes: Span[] = [];
  let open = -1;
  for (let i = start; i < end; i++) {
    const c = text[i];
    const opens = c === "\u201c" || (c === '"' && open < 0);
    const closes = c === "\u201d" || (c === '"' && open >= 0);
    if (opens && open < 0) open = i;
    else if (closes && open >= 0) {
      quotes.push({ start: open, end: i + 1 });
      open = -1;
    }
  }
  if (open >= 0) quotes.push({ start: open, end });
  return quotes;
}

/** How much of span lies inside the quotations (in order, not overlapping), as a share of its letters and digits. */
export function quotedShare(text: string, span: Span, quotes: readonly Span[]): number {
  const letters = (from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) if (LETTER_OR_DIGIT.test(text[i]!)) n++;
    return n;
  };
  const all = letters(span.start, span.end);
  let quoted = 0;
  for (const q of quotes) quoted += letters(Math.max(q.start, span.start), Math.min(q.end, span.end));
  return all === 0 ? 0 : quoted / all;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
