import { MONTH_ABBREVIATIONS, SENTENCE_OPENERS, STATE_ABBREVIATIONS, TITLE_ABBREVIATIONS } from "./abbreviations.js";
import { pushTrimmed, type Span } from "./paragraphs.js";
import { signOffName } from "./signOff.js";

const TERMINATOR = /[.!?\u2026]/;
const CLOSER = /["'\u201d\u2019)\]]/;
const OPENER = /["'\u201c\u2018([]/;
const WHITESPACE = /\s/u;
/** How far before a line break a sign-off is looked for: a dash, a name of four words and an age. */
const SIGN_OFF_REACH = 80;

/**
 * Sentences of the paragraph text.slice(start, end), as spans of `text`.
 *
 * A sentence ends at `.`, `!`, `?` or an ellipsis, with any closing quotes and brackets after it,
 * when white space follows and the next word could begin a sentence (a capital, a digit, an opening
 * quote). It does not end after a title ("Mr."), an initial ("John F."), a month before a number
 * ("Dec. 15"), an acronym before a name ("the U.N. envoy"), an ellipsis inside a quotation, or a
 * quoted question followed by its speaker (`"Why now?" he asked.`). A line that ends with a signed
 * quotation (`…” ― Ana Ruiz`) ends its sentence too.
 */
export function splitSentences(text: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  let sentenceStart = start;
  let inQuote = false;
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    // A line that ends with a signed quotation ends its sentence: the next line is someone else's.
    if (c === "\n" && signOffName(text.slice(Math.max(sentenceStart, i - SIGN_OFF_REACH), i)) !== null) {
      pushTrimmed(text, sentenceStart, i, spans);
      sentenceStart = i + 1;
      inQuote = false;
      continue;
    }
    if (c === '"') inQuote = !inQuote;
    else if (c === "\u201c") inQuote = true;
    else if (c === "\u201d") inQuote = false;
    if (!TERMINATOR.test(c)) continue;

    let j = i + 1;
    while (j < end && TERMINATOR.test(text[j]!)) j++;
    const ellipsis = c === "\u2026" || j - i >= 3;
    const terminatorEnd = j;
    while (j < end && CLOSER.test(text[j]!)) {
      if (text[j] === '"') inQuote = !inQuote;
      else if (text[j] === "\u201d") inQuote = false;
      j++;
    }
    const closedQuote = j > terminatorEnd;
    if (j < end && !WHITESPACE.test(text[j]!)) {
      i = j - 1;
      continue;
    }
    let next = j;
    while (next < end && WHITESPACE.test(text[next]!)) next++;
    if (next < end && endsHere(text, i, terminatorEnd, next, end, { ellipsis, inQuote, closedQuote })) {
      pushTrimmed(text, sentenceStart, j, spans);
      sentenceStart = next;
    }
    i = j - 1;
  }
  pushTrimmed(text, sentenceStart, end, spans);
  return spans.filter((s) => /[\p{L}\p{N}]/u.test(text.slice(s.start, s.end)));
}

interface BoundaryContext {
  ellipsis: boolean;
  inQuote: boolean;
  closedQuote: boolean;
}

function endsHere(
  text: string,
  terminator: number,
  terminatorEnd: number,
  next: number,
  end: number,
  { ellipsis, inQuote, closedQuote }: BoundaryContext,
): boolean {
  const first = text[next]!;
  const startsLikeSentence = /[\p{Lu}\p{N}]/u.test(first) || OPENER.test(first);
  if (!startsLikeSentence) return false;
  // An ellipsis inside a quotation is a pause: "now ... as I speak", "here ... I think".
  if (ellipsis && inQuote && !closedQuote) return false;
  if (ellipsis) return true;
  if (text[terminator] !== "." || terminatorEnd - terminator > 1 || closedQuote) return true;

  const word = wordBefore(text, terminator);
  const lower = word.toLowerCase();
  const nextWord = text.slice(next, Math.min(end, next + 40)).match(/^[\p{L}\p{N}]+/u)?.[0] ?? "";
  if (TITLE_ABBREVIATIONS.has(lower)) return lower === "no" ? !/^\d/.test(nextWord) : false;
  if (MONTH_ABBREVIATIONS.has(lower) && word[0] === word[0]!.toUpperCase()) return !/^\d/.test(nextWord);
  // "SALEM, Ore. (AP) —": a state after a city, before the agency or the rest of the sentence.
  if (
    STATE_ABBREVIATIONS.has(lower) &&
    /^\p{Lu}\p{Ll}/u.test(word) &&
    /,\s*$/.test(text.slice(Math.max(0, terminator - word.length - 30), terminator - word.length))
  )
    return SENTENCE_OPENERS.has(nextWord.toLowerCase());
  // A single capital is an initial ("John F. Kennedy").
  if (/^\p{Lu}$/u.test(word)) return false;
  // Acronyms with stops ("U.N.", "a.m.") and company suffixes: only before a word that opens sentences.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word) || /^(?:inc|ltd|co|corp|plc|bros)$/.test(lower)) {
    return SENTENCE_OPENERS.has(nextWord.toLowerCase());
  }
  return true;
}

/** The run of letters and inner stops just before position `at` ("U.N" for "the U.N."). */
function wordBefore(text: string, at: number): string {
  let k = at;
  while (k > 0 && /[\p{L}.]/u.test(text[k - 1]!)) k--;
  return text.slice(k, at).replace(/^\.+/, "");
}
