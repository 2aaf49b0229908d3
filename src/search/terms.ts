import { stem } from "porter2";
import { baseOfIrregular } from "../lexicon/irregularVerbs.js";
import { STOPWORDS } from "./stopwords.js";

/**
 * A run of letters and digits, joined by inner apostrophes, stops, commas and hyphens only when a
 * letter or digit follows: `Shi'ite`, `aren't`, `U.N.`, `50,000`, `al-Zubdiyeh`, `3.5` are one token each.
 */
const TOKEN = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}]|['\u2019.,\-\u2010\u2011](?=[\p{L}\p{N}]))*/gu;
const ACRONYM = /^(?:\p{L}\.)+\p{L}$/u;
const GROUPED_NUMBER = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const DECIMAL = /^\d+\.\d+$/;
const PLAIN = /^[A-Za-z0-9]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included, is what it tests for.
const ASCII = /^[\x00-\x7f]*$/;

/** A word of a text, folded for matching, and whether it was written as a name. */
export interface Token {
  word: string;
  /** Capitalised where a sentence does not begin: "Fua", "UN" (a hint that the word names something). */
  proper: boolean;
}

/**
 * The words of a text, folded for matching: lower case, accents removed, `U.N.` → `un`,
 * `50,000` → `50000`, `Syria's` → `syria`, `Shi'ite` → `shiite`; a hyphenated word gives its parts and
 * the joined word (`jean-marc` → `jean`, `marc`, `jeanmarc`). Stopwords are kept: see indexTerm.
 */
export function words(text: string): string[] {
  return tokens(text).map((t) => t.word);
}

export function tokens(text: string): Token[] {
  const out: Token[] = [];
  eachToken(text, (word, proper) => out.push({ word, proper }));
  return out;
}

/** Each word of the text as tokens() gives them, without building the list: the indexer's hot loop. */
export function eachToken(rawText: string, visit: (word: string, proper: boolean, opens: boolean) => void): void {
  // Compatibility forms unfolded ("⒈" → "1.", "ﬁ" → "fi"), accents dropped, and invisible characters
  // (zero-width spaces and joiners, soft hyphens) removed, before any word is cut out.
  const ascii = ASCII.test(rawText);
  const text = ascii ? rawText : rawText.normalize("NFKD").replace(/[\p{M}\u00ad\u200b-\u200d\u2060\ufeff]/gu, "");
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const first = raw.charCodeAt(0);
    const capital = first >= 65 && first <= 90 ? true : first < 128 ? false : /^\p{Lu}/u.test(raw);
    const opens = opensSentence(text, match.index);
    const proper = capital && !opens;
    // Most words are plain letters or digits: lower-case them and move on.
    if (PLAIN.test(raw)) visit(raw.toLowerCase(), proper, opens);
    else for (const t of specialTokens(raw, proper)) visit(t.word, t.proper, opens);
  }
}

/** Whether the word at `at` opens a sentence (or a quotation): its capital then says nothing. */
function opensSentence(text: string, at: number): boolean {
  let k = at - 1;
  const previous = text[k];
  if (previous === undefined) return true;
  if (previous === '"' || previous === "\u201c" || previous === "'" || previous === "\u2018" || previous === "(" || previous === "[")
    return true;
  while (k >= 0 && (text[k] === " " || text[k] === "\n" || text[k] === "\t" || text[k] === "\r")) k--;
  if (k < 0) return true;
  const c = text[k];
  return k < at - 1 && (c === "." || c === "!" || c === "?" || c === ":");
}

function specialTokens(raw: string, proper: boolean): Token[] {
  const out: Token[] = [];
  addTokens(raw, proper, out);
  return out;
}

function addTokens(raw: string, proper: boolean, out: Token[]): void {
  const token = raw
    .toLowerCase()
    .replace(/\u2019/g, "'")
    .replace(/[\u2010\u2011]/g, "-");
  if (ACRONYM.test(token)) return void out.push({ word: token.replace(/\./g, ""), proper });
  if (GROUPED_NUMBER.test(token)) return void out.push({ word: token.replace(/,/g, ""), proper: false });
  if (DECIMAL.test(token)) return void out.push({ word: token, proper: false });
  if (/[.,]/.test(token)) {
    // Each part is judged as a word of its own ("Aleppo,The" → "aleppo", "the").
    for (const part of raw.split(/[.,]+/)) if (part && part !== raw) addTokens(part, proper && /^\p{Lu}/u.test(part), out);
    return;
  }
  const word = token.replace(/'s$/, "").replace(/'/g, "");
  const parts = word.split("-").filter(Boolean);
  if (parts.length > 1) {
    const rawParts = raw.split(/[-\u2010\u2011]/).filter(Boolean);
    for (const [i, part] of parts.entries()) out.push({ word: part, proper: (proper || i > 0) && /^\p{Lu}/u.test(rawParts[i] ?? "") });
    out.push({ word: parts.join(""), proper });
  } else if (word) {
    out.push({ word, proper });
  }
}

/** The index term of a word: null for a stopword, else its Porter2 stem (`villages` → `villag`). */
export function indexTerm(word: string): string | null {
  if (STOPWORDS.has(word)) return null;
  let term = stems.get(word);
  if (term === undefined) {
    term = /^\p{L}+$/u.test(word) ? stem(baseOfIrregular(word) ?? word) : word;
    if (stems.size >= STEMS_REMEMBERED) stems.clear();
    stems.set(word, term);
  }
  return term;
}

/** Stems worked out, by word: a corpus and its questions use the same few thousand words again and again. */
const stems = new Map<string, string>();
const STEMS_REMEMBERED = 200_000;

/** The distinct index terms of a text. */
export function termsOf(text: string): Set<string> {
  return termsOfWords(words(text));
}

/** The distinct index terms of words as words() gives them. */
export function termsOfWords(ws: readonly string[]): Set<string> {
  const terms = new Set<string>();
  for (const word of ws) {
    const term = indexTerm(word);
    if (term) terms.add(term);
  }
  return terms;
}
