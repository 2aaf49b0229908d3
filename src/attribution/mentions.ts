import { ACCORDING_TO, INVERTIBLE, SPEECH_PARTICIPLE, SPEECH_VERB } from "./speechVerbs.js";

/** Who a sentence says is speaking, before pronouns are resolved. */
export type Mention =
  | { kind: "name"; phrase: string; role?: string }
  | { kind: "pronoun"; pronoun: string }
  | { kind: "anaphor"; noun: string };

/** Stands where a quotation was, so that nothing inside quotes is read as attribution. */
export const QUOTE_MARK = "\u00b6";

const BOUNDARY = /[,;:\u00b6()\u2014\u2013]|\s-\s/;
const LEADING_LINK = /^(?:and|but|or|so|then|while|whereas|as|with|though|although|meanwhile|however|instead|also)\s+/i;
const TRAILING_ADVERB =
  /\s+(?:also|later|earlier|previously|repeatedly|then|has|have|had|reportedly|separately|further|again|subsequently|already|once|too|since|quickly|publicly|privately|recently|yesterday|today)$/i;
const PASSIVE = /\b(?:was|were|is|are|be|been|being)$/i;
const CLAUSE_WORD =
  /\b(?:was|were|is|are|had|has|have|will|would|could|should|may|might|must|can|did|does|do|that|which|when|if|because|after|before|who|whom|whose|where|there)\b/i;
const PRONOUN = /^(?:he|she|they|it|we|i)$/i;
const ANAPHOR = /^[Tt]he\s+(\p{Ll}+)$/u;
const DETERMINER_ONLY = /^(?:the|a|an|this|that|these|those|it|its|his|her|their)$/i;
const MAX_SUBJECT_WORDS = 12;
/**
 * How far before and after a verb of saying its subject is looked for: a subject with its apposition
 * is well within this, and looking no further keeps a long sentence with many verbs linear.
 */
const WINDOW = 400;

/** The text before `at`, at most WINDOW characters, without a segment the window cut into. */
function before(text: string, at: number): string {
  if (at <= WINDOW) return text.slice(0, at);
  const window = text.slice(at - WINDOW, at);
  const cut = window.search(BOUNDARY);
  return cut < 0 ? window : window.slice(cut);
}

const after = (text: string, at: number) => text.slice(at, at + WINDOW);

/**
 * The speaker a sentence names, from its text with quotations replaced by QUOTE_MARK.
 * Tried in order: the subject of a verb of saying (`Mayor Ana Ruiz said`, `"…," Ruiz said`,
 * `X, a journalist, told Y`), an inverted subject (`"…," said the minister`), the agent of a passive
 * (`was denied by the army`), and finally `according to X`. Addressees (`told Reuters`) never are.
 */
export function speakerMention(unquoted: string): Mention | null {
  const firstQuote = unquoted.indexOf(QUOTE_MARK);
  for (const match of unquoted.matchAll(SPEECH_VERB)) {
    const quoted = firstQuote >= 0 && firstQuote < match.index;
    const mention =
      subjectBefore(unquoted, match.index, false) ??
      (INVERTIBLE.has(match[0]) && quoted ? invertedSubject(unquoted, match.index, match[0].length) : null);
    if (mention) return mention;
    const agent = passiveAgent(unquoted, match.index, match[0].length);
    if (agent) return agent;
  }
  for (const match of unquoted.matchAll(/\b\p{Ll}+ing\b/gu)) {
    if (!SPEECH_PARTICIPLE.test(match[0])) continue;
    const mention = subjectBefore(unquoted, match.index, true);
    if (mention) return mention;
  }
  const source = unquoted.match(ACCORDING_TO)?.[1];
  return source ? asMention(source) : null;
}

function subjectBefore(text: string, verbAt: number, participle: boolean): Mention | null {
  const segments = before(text, verbAt).split(BOUNDARY);
  const subject = segments.at(-1)!.trim();
  if (PASSIVE.test(subject)) return null;
  if (subject === "" && !participle && segments.length >= 3 && isAppositive(segments.at(-2)!)) {
    // "Ana Ruiz, a nurse at the clinic, told …": the name comes before the apposition.
    const mention = asMention(segments.at(-3)!.trim());
    return mention?.kind === "name" && !/^\d+$/.test(segments.at(-2)!.trim()) ? { ...mention, role: segments.at(-2)!.trim() } : mention;
  }
  if (subject === "" && !participle && segments.length >= 3 && isName(segments.at(-2)!)) {
    // "A spokesman for the ministry, Ahmed Ali, said …": the name is the apposition.
    const mention = asMention(segments.at(-2)!.trim());
    return mention?.kind === "name" ? { ...mention, role: segments.at(-3)!.trim().replace(/^(?:the|a|an)\s+/i, "") } : mention;
  }
  return asMention(subject);
}

/** `"…," said the minister`: only after a quotation (the caller checks there is one earlier in the sentence). */
function invertedSubject(text: string, verbAt: number, verbLength: number): Mention | null {
  if (!/[,\u00b6]$/.test(before(text, verbAt).trimEnd())) return null;
  const subject = after(text, verbAt + verbLength).split(/[,;:.\u00b6]/)[0] ?? "";
  return asMention(subject.trim());
}

function passiveAgent(text: string, verbAt: number, verbLength: number): Mention | null {
  if (!PASSIVE.test(before(text, verbAt).trimEnd())) return null;
  const agent = after(text, verbAt + verbLength).match(/^\s+by\s+([^,;:.\u00b6]+)/)?.[1];
  return agent ? asMention(agent) : null;
}

function isAppositive(segment: string): boolean {
  return /^\s*(?:a|an|the|one|another|its|his|her|their|who|which)\s/i.test(segment) || /^\s*[\p{Ll}\d]/u.test(segment);
}

/** Two to four capitalised words: "Ahmed Ali". */
function isName(segment: string): boolean {
  return /^\s*\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){1,3}\s*$/u.test(segment);
}

/** A subject phrase as a mention, or null when it is not a plausible noun phrase. */
function asMention(raw: string): Mention | null {
  let phrase = raw.trim();
  for (let previous = ""; previous !== phrase; ) {
    previous = phrase;
    phrase = phrase.replace(LEADING_LINK, "").replace(TRAILING_ADVERB, "").trim();
  }
  phrase = phrase.replace(/[."'\u201d\u2019]+$/, "").trim();
  if (phrase === "" || DETERMINER_ONLY.test(phrase) && !PRONOUN.test(phrase)) return null;
  if (PRONOUN.test(phrase)) return { kind: "pronoun", pronoun: phrase.toLowerCase() };
  const anaphor = phrase.match(ANAPHOR);
  if (anaphor) return { kind: "anaphor", noun: anaphor[1]! };
  const words = phrase.split(/\s+/);
  if (words.length > MAX_SUBJECT_WORDS || CLAUSE_WORD.test(phrase) || !/\p{L}/u.test(phrase)) return null;
  if (/^\p{Ll}+ing$/u.test(words[0]!)) return null;
  return { kind: "name", phrase };
}
