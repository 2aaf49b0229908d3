import { TITLE_ABBREVIATIONS } from "../passages/abbreviations.js";
import { NOT_NAMES, QUANTIFIERS } from "./entities.js";
import { baseWord, CALENDAR_WORDS, genderOf, isDocumentNoun, isInstitutionNoun, isPersonRole, TITLES } from "./lexicon.js";
import { ACCORDING_TO, INVERTIBLE, SPEECH_PARTICIPLE, SPEECH_VERB } from "./speechVerbs.js";

/** Who a sentence says is speaking, before pronouns and descriptions are resolved. `at` is where it stands in the sentence. */
export type Mention =
  /** `transcript`: named as a transcript names its speakers, "SMITH: …", for the rest of the paragraph too. */
  | { kind: "name"; phrase: string; role?: string; at: number; transcript?: boolean }
  | { kind: "pronoun"; pronoun: string; at: number }
  /** "the coach", "the former monopoly": someone named before, by what they are. */
  | { kind: "described"; phrase: string; at: number }
  /**
   * "a spokesman for X" (X named) or "a spokesman" (for the organisation just named, or the one the
   * sentence goes on to speak of: `after` is what follows the verb).
   */
  | { kind: "spokesperson"; of: string | null; phrase: string; at: number; after?: string }
  /** "his office", "its spokeswoman": the office or voice of someone named before. */
  | { kind: "possessive"; pronoun: string; noun: string; at: number };

/** "I said", "we asked" outside quotation marks: the writer's own words, whom the article does not name as a speaker. */
export const isTheWriter = (mention: Mention | null): boolean =>
  mention?.kind === "pronoun" && (mention.pronoun === "i" || mention.pronoun === "we");

/** Stands where a quotation was, so that nothing inside quotes is read as attribution. */
export const QUOTE_MARK = "\u00b6";

/**
 * A party and state tag after a name, as American copy writes them: "(D-Mass.)", "(R-Texas)", "(R)", ", R-Ga.,".
 * Part of the name's description, never of the name or of the sentence's clauses.
 */
const AFFILIATION =
  /\s?\((?:[DRIL]|Dem|Rep|Ind)(?:\s?[-\u2013]\s?\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?)?\)|,\s(?:[DRI])[-\u2013]\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?,/gu;

/** The text with party and state tags blanked out, every other character where it was. */
export function withoutAffiliations(text: string): string {
  return text.replace(AFFILIATION, (tag) => " ".repeat(tag.length));
}

/**
 * A wire dateline opening a paragraph: "LONDON (Reuters) -", "SALEM, Ore. (AP) —", "WASHINGTON —".
 * Where the story was filed, not who speaks or what "the company" is.
 */
const DATELINE = /^\s*\p{Lu}{2}[\p{Lu}\s.'\u2019-]*(?:,\s*[\p{L}.\s]{2,20}?)?\s*(?:\([^)]{1,40}\))?\s*(?:--?|\u2014|\u2013)\s/u;

const DATELINE_START = /^\s*[A-Z]{2}/;

/** The text with a dateline at its start blanked out, every other character where it was. */
export function withoutDateline(text: string): string {
  if (!DATELINE_START.test(text)) return text;
  return text.replace(DATELINE, (dateline) => " ".repeat(dateline.length));
}

/** A transcript's speaker tag in capitals ("OKAFOR:") written as a name ("Okafor:"), for finding who it names. */
export function withTranscriptTagAsName(text: string): string {
  return text.replace(TRANSCRIPT, (whole, name: string) => whole.replace(name, titleCase(name)));
}

const BOUNDARY = /[,;:\u00b6()\u2014\u2013]|\s-\s/;
const LEADING_LINK =
  /^(?:and|but|or|so|then|while|whereas|as|with|though|although|meanwhile|however|instead|also|later|earlier|now|yesterday|tonight|again|finally)\s+/i;
/** Adverbs that stand between a subject and its verb of saying: "Ruiz later said", "Ruiz, once told me". */
const ADVERBS =
  "also|later|earlier|previously|repeatedly|then|reportedly|separately|further|again|subsequently|already|once|twice|too|since|quickly|publicly|privately|recently|often|always|never|still|even|finally|explicitly|just";
/** What ends a subject before its verb but is not part of it: an adverb, an auxiliary, a time ("Ruiz would not", "X this month"). */
const TRAILING_ADVERB = new RegExp(
  `\\s+(?:${ADVERBS}|has|have|had|yesterday|today|not|last|first|would|could|should|will|can|might|must|did|does|do|\\p{Ll}+n['\u2019]t|(?:this|last|next)\\s+(?:week|month|year))$`,
  "u",
);
const PASSIVE = /\b(?:was|were|is|are|be|been|being)$/i;
/** "Protesters continued to call for …", "Ham went on to explain …": the verb before a verb of saying. */
const LEADING_VERB =
  /\s+(?:continued|continues|went on|goes on|began|begins|started|starts|appeared|appears|seemed|seems|tried|tries|wanted|wants|used|declined|refused|moved|rushed|sought|seeks|hastened|went|rose)\s+to$/i;
const CLAUSE_WORD =
  /\b(?:was|were|is|are|had|has|have|will|would|could|should|may|might|must|can|did|does|do|that|which|when|if|because|after|before|who|whom|whose|where|there|how|why|what|since|although|though|unless)\b|n['\u2019]t\b/;
/** Whether a phrase has a clause in it: its words in lower case ("May" mid-phrase is a name, "may" a verb), its first word either way. */
const hasClause = (phrase: string) => CLAUSE_WORD.test(phrase.trim().replace(/^\p{Lu}/u, (c) => c.toLowerCase()));
const PRONOUN = /^(?:he|she|they|it|we|i)$/i;
const DETERMINER_ONLY = /^(?:the|a|an|this|that|these|those|it|its|his|her|their)$/i;
/** "the former champion", "the ex-Marine", "the 71-year-old": a description, no name in it. */
const DESCRIPTION = /^[Tt]he\s+(?:[\p{Ll}\d][\p{L}\d'’-]*\s+){0,3}(?:\p{Ll}[\p{L}\d'’-]*|[\p{Ll}\d]+-\p{L}[\p{L}'’-]*)$/u;
const SPOKESPERSON = /^(?:(?:a|an|the)\s+)?(?:(.+?)\s+)?(spokes(?:man|woman|person)|representative)(?:\s+(?:for|of|at|from)\s+(.+))?$/i;
/** "his lawyer", "its chief executive": the owner's, named by the role (up to three words). */
const POSSESSIVE = /^(his|her|its|their)\s+((?:\p{Ll}[\p{L}-]*\s+){0,2}\p{Ll}[\p{L}-]*)$/iu;
/** What an inverted subject may not be: "said Tuesday at the conference", "said in a statement". */
const NOT_A_SUBJECT_START =
  /^(?:on|in|at|by|for|to|from|with|after|before|during|last|this|next|yesterday|today|tonight|earlier|later|recently|then|that|of|as|when|while)\b/i;
const MAX_SUBJECT_WORDS = 12;
/** "Nobody on the board said a word": no one speaks. */
const NOBODY = /^(?:nobody|no one|none|nothing|neither|no)\b/i;
const ADVERB_ONLY = new RegExp(`^\\s*(?:${ADVERBS})\\s*$`);
/** Not who speaks: a phrase that opens with a preposition or ends in one ("in contempt of Congress for refusing to"). */
const NOT_A_NOUN_PHRASE =
  /^(?:[Ii]n|[Oo]n|[Aa]t|[Ff]or|[Ff]rom|[Bb]y|[Ww]ith|[Ii]nto|to|of|[Aa]bout)\s|\s(?:to|of|for|or|and|the|a|an|by|with|from)$/;
/**
 * How far before and after a verb of saying its subject is looked for: a subject with its apposition
 * is well within this, and looking no further keeps a long sentence with many verbs linear.
 */
const WINDOW = 400;
/** Appositions walked back over to find the name they describe: "Ines Park, president of X, a Y agency, said". */
const MAX_APPOSITIONS = 3;

/** The text before `at`, at most WINDOW characters, without a segment the window cut into. */
function before(text: string, at: number): { text: string; from: number } {
  if (at <= WINDOW) return { text: text.slice(0, at), from: 0 };
  const window = text.slice(at - WINDOW, at);
  const cut = Math.max(0, window.search(BOUNDARY));
  return { text: window.slice(cut), from: at - WINDOW + cut };
}

const after = (text: string, at: number) => text.slice(at, at + WINDOW);

/**
 * The speaker a sentence names, from its text with quotations replaced by QUOTE_MARK.
 * Tried in order: the subject of a verb of saying (`Mayor Ana Ruiz said`, `"…," Ruiz said`,
 * `X, a journalist, told Y`, `X praised the plan, saying …`), an inverted subject (`"…," said the
 * minister`, `…, said Mr Ruiz, because …`), the agent of a passive (`was denied by the army`), and
 * finally `according to X`. Addressees (`told Reuters`, `telling him`) never are.
 */
export function speakerMention(unquoted: string): Mention | null {
  const firstQuote = unquoted.indexOf(QUOTE_MARK);
  for (const match of unquoted.matchAll(SPEECH_VERB)) {
    const quoted = firstQuote >= 0 && firstQuote < match.index;
    const mention =
      subjectBefore(unquoted, match.index) ??
      (INVERTIBLE.has(match[0]) ? invertedSubject(unquoted, match.index, match[0].length, quoted) : null);
    if (mention?.kind === "spokesperson" && mention.of === null)
      return { ...mention, after: after(unquoted, match.index + match[0].length) };
    if (mention) return mention;
    const agent = passiveAgent(unquoted, match.index, match[0].length);
    if (agent) return agent;
  }
  for (const match of unquoted.matchAll(/\b\p{Ll}+ing\b/gu)) {
    if (!SPEECH_PARTICIPLE.test(match[0])) continue;
    const mention = participleSubject(unquoted, match.index);
    if (mention) return mention;
  }
  const source = unquoted.match(ACCORDING_TO);
  return source ? accordingTo(source[1]!, source.index! + source[0].length - source[1]!.length) : null;
}

function subjectBefore(text: string, verbAt: number): Mention | null {
  const { text: head, from } = before(text, verbAt);
  const segments = head.split(BOUNDARY);
  const starts = segmentStarts(head, segments, from);
  // "Dr. Regina Cole, later told me": an adverb alone between the apposition and the verb.
  const last = segments.at(-1)!;
  const subject = ADVERB_ONLY.test(last) ? "" : last;
  if (PASSIVE.test(subject.trim())) return null;
  if (subject.trim() === "") {
    // "Ana Ruiz, a nurse at the clinic, told …", "Ines Park, president of X, a Y agency, said …":
    // the name comes before its appositions.
    const named = nameBeforeAppositions(segments, starts, segments.length - 2);
    if (named) return named;
    // "A spokesman for the ministry, Ahmed Ali, said …", "Her husband, Victor, said …": the name is the apposition.
    const role = segments.at(-3)?.trim().split(/\s+/).at(-1) ?? "";
    const oneName = /^\s*\p{Lu}\p{Ll}+\s*$/u.test(segments.at(-2) ?? "") && (isPersonRole(role) || genderOf([role]) !== null);
    if (segments.length >= 3 && (isName(segments.at(-2)!) || oneName) && !isNeverAName(segments.at(-2)!.trim())) {
      const mention = asMention(segments.at(-2)!, starts.at(-2)!);
      return mention?.kind === "name"
        ? {
            ...mention,
            role: segments
              .at(-3)!
              .trim()
              .replace(/^(?:the|a|an)\s+/i, ""),
          }
        : mention;
    }
    // "Storms like this pass, said Mr Ruiz": no subject before the verb; it follows.
    return null;
  }
  // "A spokesman for X (Acfa) which represents the growers said": the subject before its relative clause.
  const relative = subject.match(/^\s*(?:who|which|that)\s+(.*)$/is);
  if (relative) {
    // "…, who he believes was …": the verb is the relative clause's own, with its own subject.
    const inner = relative[1]!.trim();
    if (PRONOUN.test(inner) || (inner !== "" && !/\b\p{Ll}/u.test(inner))) return asMention(inner, starts.at(-1)! + subject.indexOf(inner));
    let k = segments.length - 2;
    // A parenthesis between them ("(Acfa)") is one word, skipped.
    while (k >= 0 && /^\s*[\p{L}\d&.'’-]+\s*$/u.test(segments[k]!)) k--;
    return k >= 0 ? asMention(segments[k]!, starts[k]!) : null;
  }
  // "Rui Matos, managing director of Portline said": a role without its closing comma.
  if (segments.length >= 2 && isAppositive(subject) && hasTitle(subject) && isName(segments.at(-2)!)) {
    const mention = asMention(segments.at(-2)!, starts.at(-2)!);
    if (mention?.kind === "name") return { ...mention, role: subject.trim() };
  }
  const list = listSubject(segments, starts);
  if (list) return list;
  // "Portline backed the fare cuts but said …": the subject of the first verb.
  const coordinated = subject.match(/^(.*\S)\s+(?:and|but)\s*$/s);
  if (coordinated) return clauseSubject(coordinated[1]!, starts.at(-1)!);
  // "… were the third time AROS said": past a clause, the name just before the verb.
  return asMention(subject, starts.at(-1)!) ?? beforeRelativeClause(subject, starts.at(-1)!) ?? nameEnding(subject, starts.at(-1)!);
}

/**
 * "Dana Price, Ana Ruiz and Lena Fisk all said", "Price and Ruiz said": names listed as the subject
 * speak together; the first named stands for them, with the others in the description.
 */
function listSubject(segments: readonly string[], starts: readonly number[]): Mention | null {
  if (!segments.at(-1)!.includes(" and ")) return null;
  const last = segments.at(-1)!.replace(/\s+(?:all|both|each|together|alike|jointly)\s*$/, "");
  const pair = last.replace(LEADING_LINK, "").match(/^\s*(.+?)\s+and\s+(.+?)\s*$/);
  if (!pair || !isName(pair[1]!) || !isName(pair[2]!)) return null;
  let k = segments.length - 1;
  while (k > 0 && isName(segments[k - 1]!)) k--;
  const names = [...segments.slice(k, -1), pair[1]!, pair[2]!].map((n) => n.trim());
  return {
    kind: "name",
    phrase: names[0]!.replace(LEADING_LINK, ""),
    at: starts[k]!,
    role: `with ${names.slice(1, -1).join(", ")}${names.length > 2 ? " and " : ""}${names.at(-1)}`,
  };
}

/**
 * "The sister of a nurse who lost her savings told jurors": the subject without its relative clause,
 * when what comes before "who" is a noun phrase that names people: a role ("nurse", "officials") or a
 * name; not "He notes" or "… a serial liar and birther".
 */
function beforeRelativeClause(phrase: string, at: number): Mention | null {
  const relative = phrase.match(/^(.*?\S)\s+(?:who|whose)\s/s);
  if (!relative) return null;
  const words = relative[1]!.trim().split(/\s+/);
  const head = words.at(-1)!;
  const opensNounPhrase = /^(?:the|a|an|some|many|most|several|two|three|four|five|\d+|\p{Lu})/iu.test(words[0]!);
  const namesPeople = isPersonRole(head) || /^(?:people|men|women|children)$/.test(head) || words.every((w) => /^\p{Lu}/u.test(w));
  return opensNounPhrase && namesPeople && !words.some((w) => SAYING.test(w)) ? asMention(relative[1]!, at) : null;
}

/** The run of one to four capitalised words that ends a phrase, as a name; null when it ends otherwise. */
function nameEnding(phrase: string, at: number): Mention | null {
  const run = phrase.trimEnd().match(/(\S+)\s+((?:\p{Lu}[\p{L}.'\u2019&-]*\s+){0,3}\p{Lu}[\p{L}.'\u2019&-]*)$/u);
  // After a preposition it is the clause's object ("turn to Windows"), not a subject.
  if (!run || /^(?:to|in|on|at|for|from|with|by|of|into|about|over|against|than|as)$/i.test(run[1]!)) return null;
  const name = run[2]!;
  const mention = asMention(name, at + phrase.lastIndexOf(name));
  return mention?.kind === "name" ? mention : null;
}

/**
 * "Ana Ruiz, a nurse at the clinic, told …", "Ines Park, president of X, a Y agency, said …": the
 * name before the appositions that end at segment `last`, with them as its role.
 */
function nameBeforeAppositions(segments: readonly string[], starts: readonly number[], last: number): Mention | null {
  for (let k = last; k >= 1 && last - k < MAX_APPOSITIONS && isAppositive(segments[k]!); k--) {
    const candidate = segments[k - 1]!;
    // The sentence's first phrase is its subject, however it opens ("A senior diplomat, speaking …, said").
    if (isAppositive(candidate) && k - 1 > 0) continue;
    const mention = asMention(candidate, starts[k - 1]!);
    if (mention?.kind === "name" && isNameLike(candidate)) {
      return /^\s*\d+\s*$/.test(segments[k]!)
        ? mention
        : {
            ...mention,
            role: segments
              .slice(k, last + 1)
              .map((s) => s.trim())
              .join(", "),
          };
    }
    return mention && mention.kind !== "name" ? mention : null;
  }
  return null;
}

/** `X praised the plan, saying …`: the speaker is the subject of the clause the participle follows. */
function participleSubject(text: string, verbAt: number): Mention | null {
  const { text: head, from } = before(text, verbAt);
  const segments = head.split(BOUNDARY);
  const starts = segmentStarts(head, segments, from);
  const own = segments.at(-1)!.trim();
  if (own !== "")
    return /^(?:with|as)\s/i.test(own)
      ? asMention(own.replace(/^(?:with|as)\s+/i, ""), starts.at(-1)!)
      : clauseSubject(own, starts.at(-1)!);
  return segments.length >= 2 ? clauseSubject(segments.at(-2)!, starts.at(-2)!) : null;
}

/** The noun phrase a clause opens with: "Shipping analysts Harrow Marine welcomed the plan" → "Shipping analysts Harrow Marine". */
function clauseSubject(clause: string, at: number): Mention | null {
  const words = clause.trim().replace(LEADING_LINK, "").split(/\s+/);
  let n = 0;
  while (
    n < words.length &&
    (n === 0 ||
      /^\p{Lu}/u.test(words[n]!) ||
      TITLES.has(baseWord(words[n]!)) ||
      isInstitutionNoun(words[n]!) ||
      /^(?:of|for|and|the)$/.test(words[n]!))
  ) {
    if (n === 0 && PRONOUN.test(words[0]!)) return asMention(words[0]!, at);
    n++;
  }
  // "a parent stood up and called …": after an article, the words up to the person or body it names.
  if (n === 1 && /^(?:a|an|the|one|some|two|three|several)$/i.test(words[0]!)) {
    const head = words.slice(1, 5).findIndex((w) => isPersonRole(w) || isInstitutionNoun(w));
    if (head >= 0 && words.slice(1, head + 1).every((w) => /^[\p{Ll}\d-]+$/u.test(w))) n = head + 2;
  }
  while (n > 0 && /^(?:of|for|and|the)$/.test(words[n - 1]!)) n--;
  return n > 0 ? asMention(words.slice(0, n).join(" "), at) : null;
}

/**
 * `"…," said the minister` after a quotation, or `…, said Mr Ruiz, because …` in reported speech,
 * where what follows the verb must be a name or a role (not "said Tuesday", "said in a statement").
 */
function invertedSubject(text: string, verbAt: number, verbLength: number, quoted: boolean): Mention | null {
  const beforeVerb = before(text, verbAt).text.trimEnd();
  const subject = untilClauseEnd(after(text, verbAt + verbLength)).trim();
  if (subject === "" || NOT_A_SUBJECT_START.test(subject) || CALENDAR_WORDS.has(baseWord(subject.split(/\s+/)[0]!))) return null;
  if (quoted ? !/[,\u00b6]$/.test(beforeVerb) : !/^(?:\p{Lu}|the\s|a\s|an\s)/u.test(subject)) return null;
  const at = verbAt + verbLength + (after(text, verbAt + verbLength).length - after(text, verbAt + verbLength).trimStart().length);
  const mention = asMention(subject, at);
  // "…, said the minister", not "…, said the plan failed": a clause is no subject.
  if (mention?.kind === "described") {
    const head = mention.phrase.split(/\s+/).at(-1)!;
    if (/\p{Ll}ed$/u.test(head) && !isPersonRole(head) && !isInstitutionNoun(head) && !isDocumentNoun(head)) return null;
  }
  // "Nobody said a word": what the verb said, not who; "…, said a spokesman" names who.
  if (!quoted && mention?.kind === "name" && /^(?:a|an)\s/.test(mention.phrase)) {
    const head = mention.phrase.split(/\s+/).at(-1)!;
    if (!isPersonRole(head) && !isInstitutionNoun(head)) return null;
  }
  return mention;
}

function passiveAgent(text: string, verbAt: number, verbLength: number): Mention | null {
  if (!PASSIVE.test(before(text, verbAt).text.trimEnd())) return null;
  // The agent is the noun phrase after "by": "by lawyers not to sell" is "lawyers".
  const agent = after(text, verbAt + verbLength).match(
    /^\s+by\s+((?:(?!\s(?:not|to|that|who|which|when|because|after|before|if|as|for|over|about|on|in)\b)[^,;:.\u00b6])+)/,
  );
  if (!agent) return null;
  const at = verbAt + verbLength + agent[0].length - agent[1]!.length;
  // "confirmed by her son, Daniel Grant, who said …": the name the apposition gives, described by the agent.
  const named = after(text, verbAt + verbLength + agent[0].length).match(APPOSED_NAME);
  if (named) return { kind: "name", phrase: named[1]!, at, role: agent[1]!.trim() };
  return asMention(agent[1]!, at);
}

/** A name of two to four words set off by commas right after a phrase: ", Daniel Grant,". */
const APPOSED_NAME = /^\s*,\s*(\p{Lu}[\p{L}'\u2019.-]*(?:\s+\p{Lu}[\p{L}'\u2019.-]*){1,3})\s*(?:,|$)/u;

/** The text up to its first comma, semicolon, colon, quotation or full stop, but a full stop of an initial or a title ("Charles B. Rangel", "Rep. Ruiz"). */
function untilClauseEnd(text: string): string {
  for (const match of text.matchAll(/[,;:.\u00b6]/g)) {
    if (match[0] !== ".") return text.slice(0, match.index);
    const word = text.slice(0, match.index).match(/(\S+)$/)?.[1] ?? "";
    if (!/^(?:\p{Lu}\.)*\p{Lu}$/u.test(word) && !TITLE_ABBREVIATIONS.has(word.toLowerCase())) return text.slice(0, match.index);
  }
  return text;
}

/** `according to X`: X, but not "according to their own records". */
function accordingTo(written: string, at: number): Mention | null {
  // "a poll released last week": the source, not when or how it came out.
  const source = written
    .replace(/\s+(?:released|published|issued|conducted|carried out|taken|made public|out|who|which|that|whose)\b.*$/s, "")
    // "John Smeaton in the Philosophical Transactions", "the Bank of England on Tuesday": the name, not where or when.
    .replace(/(\p{Lu}[\p{L}.'\u2019-]*)\s+(?:in|on|at|during)\s.*$/su, "$1");
  const possessive = source.trim().match(/^(?:their|his|her|its|our|my|your)\s+(.*)$/i);
  if (possessive) {
    const head = possessive[1]!.split(/\s+/).at(-1)!;
    if (!isPersonRole(head) && !isInstitutionNoun(head)) return null;
  }
  return asMention(source, at);
}

function isAppositive(segment: string): boolean {
  return (
    /^\s*(?:a|an|the|one|another|its|his|her|their|who|which)\s/i.test(segment) ||
    // "Dianne Feinstein, Democrat of California,": a party, capitalised (not "Conservative economist Ana Ruiz").
    /^\s*(?:Democrat|Republican|Independent|Conservative|Liberal|Labour|Tory)(?:\s+(?:of|from)\s|\s*$)/.test(segment) ||
    /^\s*[\p{Ll}\d]/u.test(segment) ||
    // "the studio's head of streaming": an organisation's role for someone.
    (/^\s*\p{Lu}[\p{L}&.-]*['\u2019]s\s/u.test(segment) && hasTitle(segment))
  );
}

const hasTitle = (segment: string) =>
  segment
    .trim()
    .split(/\s+/)
    .some((w) => TITLES.has(baseWord(w)));

/** Two to four capitalised words: "Ahmed Ali". */
function isName(segment: string): boolean {
  return /^\s*\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){1,3}\s*$/u.test(segment);
}

/** A name, perhaps with a title: at least one capitalised word and no clause in it. */
const isNameLike = (segment: string) => /\p{Lu}/u.test(segment) && !hasClause(segment);

const SAYING = new RegExp(`^(?:${SPEECH_VERB.source})$`);

/**
 * A word no speaker is named by alone: a function word ("all", "from", "as"), a title or its
 * abbreviation ("Rep.", "Rev."), an initial ("B."), a verb of saying ("said").
 */
function isNeverAName(word: string): boolean {
  const base = baseWord(word);
  return NOT_NAMES.has(base) || TITLE_ABBREVIATIONS.has(base) || /^\p{L}\.?$/u.test(word) || SAYING.test(base);
}

/**
 * A transcript's speaker tag opening a sentence, inside a quotation or not: "WALLACE:", "SEN. DOE:"
 * (capitals, then a colon).
 */
const TRANSCRIPT = /^[\s\u00b6"\u201c']*((?:\p{Lu}{2,}\.?\s)?\p{Lu}[\p{Lu}'\u2019-]+(?:\s\p{Lu}[\p{Lu}'\u2019-]+){0,2}):\s/u;

/** The speaker a sentence's transcript tag names ("PENCE: …" → Pence), from its text as written. */
export function transcriptMention(sentence: string): Mention | null {
  const tag = sentence.match(TRANSCRIPT);
  return tag ? { kind: "name", phrase: titleCase(tag[1]!), at: tag.index! + tag[0].indexOf(tag[1]!), transcript: true } : null;
}

/** "WALLACE" → "Wallace", "SEN. O'NEILL" → "Sen. O'Neill": a name in capitals as the article would write it. */
const titleCase = (phrase: string) =>
  phrase.toLowerCase().replace(/(^|[\s'\u2019-])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());

/** Where each segment of `head` (split at BOUNDARY) starts in the sentence. */
function segmentStarts(head: string, segments: readonly string[], from: number): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const segment of segments) {
    at = head.indexOf(segment, at);
    starts.push(from + at + (segment.length - segment.trimStart().length));
    at += segment.length;
  }
  return starts;
}

/** A subject phrase as a mention, or null when it is not a plausible noun phrase. */
function asMention(raw: string, at: number): Mention | null {
  let phrase = raw.trim();
  for (let previous = ""; previous !== phrase; ) {
    previous = phrase;
    phrase = phrase.replace(LEADING_LINK, "").replace(TRAILING_ADVERB, "").replace(LEADING_VERB, "").trim();
  }
  phrase = phrase.replace(/[."'\u201d\u2019]+$/, "").trim();
  // "Everything Trump says": the name, not how much of what it says.
  const space = phrase.indexOf(" ");
  if (space > 0 && QUANTIFIERS.has(phrase.slice(0, space).toLowerCase()) && /^\s+\p{Lu}/u.test(phrase.slice(space)))
    phrase = phrase.slice(space).trim();
  if (phrase === "" || (DETERMINER_ONLY.test(phrase) && !PRONOUN.test(phrase))) return null;
  if (PRONOUN.test(phrase)) return { kind: "pronoun", pronoun: phrase.toLowerCase(), at };
  const spokesperson = phrase.match(SPOKESPERSON);
  // "its spokesman" is the possessive's: the owner speaks through them.
  if (spokesperson && !(spokesperson[1] && /^(?:the|a|an|his|her|its|their)$/i.test(spokesperson[1]))) {
    const [, before, , of] = spokesperson;
    const owner = of ?? (before && /\p{Lu}/u.test(before) ? before : before ? `the ${before}` : null);
    return { kind: "spokesperson", of: owner ? owner.trim() : null, phrase, at };
  }
  const possessive = phrase.match(POSSESSIVE);
  if (possessive && !hasClause(possessive[2]!))
    return { kind: "possessive", pronoun: possessive[1]!.toLowerCase(), noun: possessive[2]!.toLowerCase(), at };
  if (hasClause(phrase) || NOT_A_NOUN_PHRASE.test(phrase) || NOBODY.test(phrase)) return null;
  if (DESCRIPTION.test(phrase) && !isDocumentNoun(phrase.split(/\s+/).at(-1)!)) return { kind: "described", phrase, at };
  const words = phrase.split(/\s+/);
  if (words.length > MAX_SUBJECT_WORDS || !/\p{L}/u.test(phrase)) return null;
  if (/^\p{Ll}+ing$/u.test(words[0]!)) return null;
  if (words.every(isNeverAName)) return null;
  return { kind: "name", phrase, at };
}
