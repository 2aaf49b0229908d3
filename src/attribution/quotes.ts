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

/** How much of span lies inside the quotations, as a share of its letters and digits. */
export function quotedShare(text: string, span: Span, quotes: Span[]): number {
  let words = 0;
  let quoted = 0;
  for (let i = span.start; i < span.end; i++) {
    if (!/[\p{L}\p{N}]/u.test(text[i]!)) continue;
    words++;
    if (quotes.some((q) => q.start <= i && i < q.end)) quoted++;
  }
  return words === 0 ? 0 : quoted / words;
}

/** The quotations that overlap span. */
export function quotationsOverlapping(span: Span, quotes: Span[]): Span[] {
  return quotes.filter((q) => q.start < span.end && span.start < q.end);
}
