import type { Span } from "../passages/paragraphs.js";
import type { Passage } from "../passages/passage.js";
import { signOffName } from "../passages/signOff.js";
import type { Attribution } from "./attribution.js";
import { Discourse } from "./discourse.js";
import { entitiesIn } from "./entities.js";
import {
  isTheWriter,
  type Mention,
  QUOTE_MARK,
  speakerMention,
  transcriptMention,
  withoutAffiliations,
  withoutDateline,
  withTranscriptTagAsName,
} from "./mentions.js";
import type { SpeakerName } from "./names.js";
import { quotationsIn, quotedShare } from "./quotes.js";
import { resolveMention } from "./resolve.js";
import { SPEECH_VERB } from "./speechVerbs.js";

/** A sentence that is mostly quotation is the quoted speaker's, even with no verb of saying. */
const QUOTE_ONLY_SHARE = 0.6;
/** A sentence this short that names a speaker and quotes nothing is the attribution of the quotation before it. */
const ATTRIBUTION_ONLY_WORDS = 6;

/**
 * Who said each passage of one article (passages in article order, as passagesOf returns them).
 *
 * First each sentence on its own: the speaker it names, or a pronoun to resolve against the speakers
 * named before it. Then quotations: a sentence inside a quotation that runs over several sentences
 * takes the speaker named where the quotation is attributed, and a quotation with no attribution of its
 * own continues the last speaker of its paragraph (or of the paragraph before, as news copy does).
 *
 * Linear in the article's length: every lookup is a running value or a map, never a search of what
 * came before, so a megabyte of quotations takes as long per sentence as a short story.
 */
export function attributeSpeakers(text: string, passages: readonly Passage[]): Attribution[] {
  const { quotes, overlapping } = quotationsOfPassages(text, passages);

  const discourse = new Discourse();
  const speakers: (SpeakerName | null)[] = [];
  const vias: Attribution["via"][] = [];
  // Worked out rather than named: from "he", "she" or a role, or a surname two people of the article share.
  const probable: boolean[] = [];
  // "I said" outside quotation marks: the writer's own words, whom the article does not name; never another's.
  const writers: boolean[] = [];
  // What each sentence said of its speaker, to ask later whether it opens with them ("Ruiz said, looking out.").
  const mentions: (Mention | null)[] = [];
  const unquotedTexts: string[] = [];
  // "SMITH: …" opens a transcript's turn: the paragraph is theirs until another speaker is named.
  let turn: SpeakerName | null = null;
  passages.forEach((passage, i) => {
    if (i === 0 || passages[i - 1]!.paragraph !== passage.paragraph) turn = null;
    const masked = withoutAffiliations(
      unquotedText(
        text,
        passage,
        overlapping[i]!.map((q) => quotes[q]!),
      ),
    );
    const unquoted = passage.sentence === 1 ? withoutDateline(masked) : masked;
    discourse.startSentence(entitiesIn(withTranscriptTagAsName(unquoted)), unquoted);
    const mention = signedMention(passage) ?? transcriptMention(passage.text) ?? speakerMention(unquoted);
    const named = mention ? resolveMention(mention, discourse) : null;
    if (named && mention?.kind === "name" && mention.transcript) turn = named;
    const speaker = named ?? turn;
    speakers.push(speaker);
    mentions.push(mention);
    unquotedTexts.push(unquoted);
    // Named in the sentence itself, or carried over from before ("he", "the coach", "a spokesman").
    const namedHere =
      mention && (mention.kind === "name" || (mention.kind === "spokesperson" && mention.of !== null && /\p{Lu}/u.test(mention.of)));
    const via = speaker ? (named === null ? "continuation" : namedHere || !discourse.hasSpoken(speaker) ? "named" : "pronoun") : null;
    vias.push(via);
    // "the port authority said" names it; "the minister said" after Ana Ruiz was named works her out.
    const selfNamed = mention?.kind === "described" && named?.name.toLowerCase() === mention.phrase.replace(/^the\s+/i, "").toLowerCase();
    probable.push(named !== null && ((!namedHere && !selfNamed) || discourse.isGuessed(named)));
    writers.push(isTheWriter(mention));
    discourse.endSentence(speaker);
  });

  // Per quotation, the first passage inside it with a speaker: named ones first, then as continuations are found.
  const firstWithSpeaker = new Array<number>(quotes.length).fill(Infinity);
  overlapping.forEach((qs, i) => {
    if (speakers[i]) for (const q of qs) firstWithSpeaker[q] = Math.min(firstWithSpeaker[q]!, i);
  });
  // `“…, right?”` then `Ruiz said.`: a quotation whose attribution became a sentence of its own (its index).
  const attributedByNext = (i: number): number | null => {
    const next = passages[i + 1];
    // In the same paragraph, or opening the next one when the text has a paragraph a line.
    const adjoining =
      next && (next.paragraph === passages[i]!.paragraph || (next.paragraph === passages[i]!.paragraph + 1 && next.sentence === 1));
    if (!adjoining || !speakers[i + 1] || overlapping[i + 1]!.length > 0) return null;
    const opens = mentions[i + 1] !== null && opensWithSpeech(unquotedTexts[i + 1]!, mentions[i + 1]!);
    return opens || next.text.split(/\s+/).length <= ATTRIBUTION_ONLY_WORDS ? i + 1 : null;
  };
  // A continuation takes its speaker, and how sure it is, from the passage it continues.
  const continueFrom = (i: number, from: number) => {
    speakers[i] = speakers[from]!;
    vias[i] = "continuation";
    probable[i] = probable[from]!;
  };
  // The last passage with a speaker earlier in the paragraph, or else the paragraph before's closing sentence.
  let lastInParagraph: number | null = null;
  let carried: number | null = null;
  passages.forEach((passage, i) => {
    const previous = passages[i - 1];
    if (!previous || previous.paragraph !== passage.paragraph) {
      lastInParagraph = null;
      carried = previous && previous.paragraph === passage.paragraph - 1 && speakers[i - 1] ? i - 1 : null;
    }
    const own = overlapping[i]!;
    if (!speakers[i] && !writers[i] && own.length > 0) {
      const same = own.map((q) => firstWithSpeaker[q]!).find((j) => j !== Infinity);
      const quoteOnly = () =>
        quotedShare(
          text,
          passage,
          own.map((q) => quotes[q]!),
        ) >= QUOTE_ONLY_SHARE;
      const from = same !== undefined ? same : quoteOnly() ? (attributedByNext(i) ?? lastInParagraph ?? carried) : null;
      if (from !== null) {
        continueFrom(i, from);
        for (const q of own) firstWithSpeaker[q] = Math.min(firstWithSpeaker[q]!, i);
      }
    }
    if (speakers[i]) lastInParagraph = i;
  });
  // A quotation attributed only after its last sentence ("…” Vance said, looking out.) is theirs from its first.
  passages.forEach((_, i) => {
    if (speakers[i] || writers[i]) return;
    const q = overlapping[i]!.find((k) => firstWithSpeaker[k] !== Infinity);
    if (q !== undefined) continueFrom(i, firstWithSpeaker[q]!);
  });

  return passages.map((passage, i) => {
    const speaker = speakers[i];
    const own = overlapping[i]!.map((q) => quotes[q]!);
    const quoteOpenBefore = own.some((q) => q.start < passage.start);
    const quoteOpenAfter = own.some((q) => q.end > passage.end);
    if (!speaker)
      return { speaker: null, speakerDescription: null, kind: "none", via: null, probable: false, quoteOpenBefore, quoteOpenAfter };
    const kind = own.length > 0 ? "direct" : "indirect";
    return {
      speaker: speaker.name,
      speakerDescription: speaker.description,
      kind,
      via: vias[i]!,
      probable: probable[i]!,
      quoteOpenBefore,
      quoteOpenAfter,
    };
  });
}

/** Every quotation of the article (paragraph by paragraph), and for each passage the indices of those it overlaps. */
function quotationsOfPassages(text: string, passages: readonly Passage[]): { quotes: Span[]; overlapping: number[][] } {
  const quotes: Span[] = [];
  const overlapping: number[][] = [];
  for (let from = 0; from < passages.length; ) {
    let to = from + 1;
    while (to < passages.length && passages[to]!.paragraph === passages[from]!.paragraph) to++;
    const first = quotes.length;
    quotes.push(...quotationsIn(text, passages[from]!.start, passages[to - 1]!.end));
    // Passages and quotations both run in order without overlapping their own kind: one sweep pairs them.
    let q = first;
    for (let i = from; i < to; i++) {
      const p = passages[i]!;
      while (q < quotes.length && quotes[q]!.end <= p.start) q++;
      const own: number[] = [];
      for (let k = q; k < quotes.length && quotes[k]!.start < p.end; k++) own.push(k);
      overlapping.push(own);
    }
    from = to;
  }
  return { quotes, overlapping };
}

const SIGN_OFF_DASH = /[\u2015\u2014\u2013]|--/;

/** `…” ― Ana Ruiz`: the name signing the quotation the sentence ends. */
function signedMention(passage: Passage): Mention | null {
  if (!SIGN_OFF_DASH.test(passage.text)) return null;
  const name = signOffName(passage.text);
  return name ? { kind: "name", phrase: name, at: passage.text.lastIndexOf(name) } : null;
}

/**
 * Whether the sentence begins with its speaker and a verb of saying that says nothing of its own, the
 * attribution of a quotation before it: "Ruiz said, looking out at the crowd.", "He added in a statement."
 */
function opensWithSpeech(unquoted: string, mention: Mention): boolean {
  const phrase =
    mention.kind === "pronoun" ? mention.pronoun : mention.kind === "possessive" ? `${mention.pronoun} ${mention.noun}` : mention.phrase;
  const opening = unquoted.search(/\S/);
  if (opening < 0 || mention.at > opening + MAX_OPENING) return false;
  const at = unquoted
    .slice(0, mention.at + phrase.length + MAX_OPENING)
    .toLowerCase()
    .indexOf(phrase.toLowerCase(), mention.at);
  const verb = at >= 0 ? unquoted.slice(at + phrase.length).match(VERB_NEXT) : null;
  if (!verb) return false;
  const rest = unquoted.slice(at + phrase.length + verb[0].length);
  return /^\s*(?:[,.;!?]|$)/.test(rest) || (PLACE_OR_TIME.test(rest) && !/\bthat\b/.test(rest));
}

const VERB_NEXT = new RegExp(`^\\s+(?:${SPEECH_VERB.source})\\b`);
/** After the verb, where or when it was said (not what): "said at a rally", "added on Tuesday". */
const PLACE_OR_TIME = /^\s+(?:at|in|on|during|after|before|to|from|with|later|earlier|then|as|while|when|afterward|afterwards)\b/;
/** What may stand before the speaker opening a sentence: "But", "And then". */
const MAX_OPENING = 9;

/** The sentence's text with each of its quotations (in order) replaced by QUOTE_MARK. */
function unquotedText(text: string, passage: Passage, quotes: readonly Span[]): string {
  let out = "";
  let at = passage.start;
  for (const q of quotes) {
    out += `${text.slice(at, Math.max(at, q.start))} ${QUOTE_MARK} `;
    at = Math.max(at, Math.min(q.end, passage.end));
  }
  return out + text.slice(at, passage.end);
}
