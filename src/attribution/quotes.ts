import type { Span } from "../passages/paragraphs.js";

/**
 * Quotations in text.slice(start, end), quote marks included, as news copy in English and other
 * languages writes them: “…” and "…", „…“ and «…», and ‘…’ where it is not nested inside another.
 * A straight double quote opens or closes by what surrounds it: one with a space before and a word
 * after opens, so that a quotation its writer forgot to close ends where the next one opens. A
 * quotation left open runs to the end of the span (news style opens each paragraph of a long
 * quotation afresh). Apostrophes (`We’re`, `teachers’`) are never quote marks. Copy that went through
 * several systems mixes its marks (`“…,"` and `"…”`) and old archives write `''…''`: a closing mark
 * of either kind closes an open quotation of the other, unless one of its kind opened inside it.
 */
export function quotationsIn(text: string, start: number, end: number): Span[] {
  const quotes: Span[] = [];
  let open = -1;
  let opener = "";
  // A quotation of the other kind of double mark open inside the open one: `“He said "no" to me”`.
  let nested = false;
  const openAt = (at: number, mark: string) => {
    open = at;
    opener = mark;
  };
  const close = (at: number) => {
    quotes.push({ start: open, end: at });
    open = -1;
    nested = false;
  };
  for (let i = start, width = 1; i < end; i += width) {
    let c = text[i]!;
    // `''` is a straight double quote as typewriters and old archives wrote it.
    const doubled = c === "'" && text[i + 1] === "'" && i + 1 < end;
    if (doubled) c = '"';
    width = doubled ? 2 : 1;
    if (!QUOTE_MARKS.has(c)) continue;
    const before = i > start ? text[i - 1]! : " ";
    const after = i + width < end ? text[i + width]! : " ";
    const opensHere = SPACE_OR_OPENING.test(before) && !/\s/u.test(after);
    if (c === '"') {
      if (open < 0) {
        if (!/\s/u.test(after)) openAt(i, c);
      } else if (opener === '"' && opensHere && i > open + 1) {
        // "…fun. "I never…": the writer did not close the first; it ends where this one opens.
        close(i);
        openAt(i, c);
      } else if (opener === '"') close(i + width);
      else if (opener === "\u201c") {
        if (opensHere) nested = true;
        else if (nested) nested = false;
        else close(i + width);
      }
    } else if (c === "\u201c") {
      if (open >= 0 && opener === "\u201e") close(i + 1);
      else if (open < 0) openAt(i, c);
      else if (opener === '"') nested = true;
    } else if (c === "\u201e" || c === "\u00ab") {
      if (open < 0) openAt(i, c);
    } else if (c === "\u201d" || c === "\u00bb") {
      // ”…” as Swedish and Finnish write it (and copy that lost its opening mark): opening a word.
      if (open < 0 && c === "\u201d" && opensHere && /\p{L}/u.test(after)) openAt(i, c);
      else if (open >= 0 && opener === '"' && nested) nested = false;
      else if (open >= 0 && opener !== "\u2018") close(i + 1);
    } else if (c === "\u2018") {
      if (open < 0 && opensHere && /\p{L}/u.test(after)) openAt(i, c);
    } else if (c === "\u2019") {
      // A closing single quote, not an apostrophe: no letter after it.
      if (open >= 0 && opener === "\u2018" && !/[\p{L}\p{N}]/u.test(after)) close(i + 1);
    }
  }
  if (open >= 0) quotes.push({ start: open, end });
  return quotes;
}

const QUOTE_MARKS = new Set(['"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "\u2018", "\u2019"]);
const SPACE_OR_OPENING = /[\s([{\u2014\u2013-]/u;

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
