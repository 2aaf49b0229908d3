import type { Passage } from "../passages/passage.js";
import type { Span } from "../passages/paragraphs.js";
import type { Attribution } from "./attribution.js";
import { QUOTE_MARK, speakerMention, type Mention } from "./mentions.js";
import { fullNameFor, speakerNameOf, type SpeakerName } from "./names.js";
import { quotationsIn, quotationsOverlapping, quotedShare } from "./quotes.js";

/** A sentence that is mostly quotation is the quoted speaker's, even with no verb of saying. */
const QUOTE_ONLY_SHARE = 0.6;

/**
 * Who said each passage of one article (passages in article order, as passagesOf returns them).
 *
 * First each sentence on its own: the speaker it names, or a pronoun to resolve against the speakers
 * named before it. Then quotations: a sentence inside a quotation that runs over several sentences
 * takes the speaker named where the quotation is attributed, and a quotation with no attribution of its
 * own continues the last speaker of its paragraph (or of the paragraph before, as news copy does).
 */
export function attributeSpeakers(text: string, passages: readonly Passage[]): Attribution[] {
  const quotesByParagraph = new Map<number, Span[]>();
  const quotesOf = (p: Passage) => {
    let quotes = quotesByParagraph.get(p.paragraph);
    if (!quotes) {
      const inParagraph = passages.filter((q) => q.paragraph === p.paragraph);
      quotes = quotationsIn(text, inParagraph[0]!.start, inParagraph.at(-1)!.end);
      quotesByParagraph.set(p.paragraph, quotes);
    }
    return quotes;
  };

  const named: SpeakerName[] = [];
  const speakers: (SpeakerName | null)[] = [];
  const vias: Attribution["via"][] = [];
  for (const passage of passages) {
    const mention = speakerMention(unquotedText(text, passage, quotesOf(passage)));
    const speaker = mention ? resolve(mention, named) : null;
    speakers.push(speaker);
    vias.push(speaker ? (mention!.kind === "name" || !named.includes(speaker) ? "named" : "pronoun") : null);
    if (speaker) named.push(speaker);
  }

  passages.forEach((passage, i) => {
    if (speakers[i]) return;
    const quotes = quotationsOverlapping(passage, quotesOf(passage));
    if (quotes.length === 0) return;
    const continued = speakerOfSameQuotation(passages, speakers, i, quotes) ?? (
      quotedShare(text, passage, quotes) >= QUOTE_ONLY_SHARE ? lastSpeakerBefore(passages, speakers, i) : null
    );
    if (continued) {
      speakers[i] = continued;
      vias[i] = "continuation";
    }
  });

  return passages.map((passage, i) => {
    const speaker = speakers[i];
    const quotes = quotationsOverlapping(passage, quotesOf(passage));
    const quoteOpenBefore = quotes.some((q) => q.start < passage.start);
    const quoteOpenAfter = quotes.some((q) => q.end > passage.end);
    if (!speaker) return { speaker: null, speakerDescription: null, kind: "none", via: null, quoteOpenBefore, quoteOpenAfter };
    const kind = quotes.length > 0 ? "direct" : "indirect";
    return { speaker: speaker.name, speakerDescription: speaker.description, kind, via: vias[i]!, quoteOpenBefore, quoteOpenAfter };
  });
}

/** The sentence's text with each quotation replaced by QUOTE_MARK. */
function unquotedText(text: string, passage: Passage, quotes: Span[]): string {
  let out = "";
  let at = passage.start;
  for (const q of quotationsOverlapping(passage, quotes)) {
    out += text.slice(at, Math.max(at, q.start)) + ` ${QUOTE_MARK} `;
    at = Math.max(at, Math.min(q.end, passage.end));
  }
  return out + text.slice(at, passage.end);
}

function resolve(mention: Mention, named: readonly SpeakerName[]): SpeakerName | null {
  if (mention.kind === "name") {
    const speaker = speakerNameOf(mention.phrase, mention.role);
    return fullNameFor(speaker.name, named) ?? speaker;
  }
  if (mention.kind === "anaphor") {
    // "the outlet also said": the last speaker described as an outlet; otherwise the phrase as it stands.
    const antecedent = [...named].reverse().find((s) => new RegExp(`\\b${mention.noun}\\b`, "i").test(s.name));
    return antecedent ?? speakerNameOf(mention.noun);
  }
  const wantsPerson = mention.pronoun === "he" || mention.pronoun === "she";
  const wantsInstitution = mention.pronoun === "it";
  for (let i = named.length - 1; i >= 0; i--) {
    const candidate = named[i]!;
    if (wantsPerson && !candidate.isPerson && named.slice(0, i).some((s) => s.isPerson)) continue;
    if (wantsInstitution && candidate.isPerson && named.slice(0, i).some((s) => !s.isPerson)) continue;
    return candidate;
  }
  return null;
}

/** The speaker of another sentence inside one of the same quotations. */
function speakerOfSameQuotation(passages: readonly Passage[], speakers: (SpeakerName | null)[], i: number, quotes: Span[]) {
  for (const q of quotes) {
    for (let j = 0; j < passages.length; j++) {
      const other = passages[j]!;
      if (j !== i && speakers[j] && other.start < q.end && q.start < other.end) return speakers[j];
    }
  }
  return null;
}

/** The last speaker earlier in the same paragraph, or at the end of the paragraph before. */
function lastSpeakerBefore(passages: readonly Passage[], speakers: (SpeakerName | null)[], i: number) {
  const paragraph = passages[i]!.paragraph;
  for (let j = i - 1; j >= 0; j--) {
    if (passages[j]!.paragraph === paragraph) {
      if (speakers[j]) return speakers[j];
      continue;
    }
    // Only the previous paragraph's closing sentence, and only when it quoted someone.
    return passages[j]!.paragraph === paragraph - 1 ? speakers[j] ?? null : null;
  }
  return null;
}
