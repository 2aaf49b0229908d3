/** How a passage carries speech: quoted words, reported speech, or neither. */
export type SpeechKind = "direct" | "indirect" | "none";

/**
 * How the speaker was found: named in the sentence, a pronoun or "the outlet" carried over from
 * the last speaker, or the sentence continues a quotation whose speaker is named elsewhere.
 */
export type SpeakerSource = "named" | "pronoun" | "continuation";

export interface Attribution {
  /** Who said it, as the article names them ("Klaus Bauer", "UN", "port officials"); null if nobody. */
  speaker: string | null;
  /** The speaker as written where first named, with any title ("German Interior Minister Klaus Bauer"). */
  speakerDescription: string | null;
  kind: SpeechKind;
  via: SpeakerSource | null;
  /**
   * The speaker was worked out, not named: from "he", "she" or "the minister" in the sentence, or a
   * surname two people of the article share, or a quotation carried on from such a sentence. Replies
   * say "probably".
   */
  probable: boolean;
  /** The sentence begins inside a quotation opened by an earlier sentence. */
  quoteOpenBefore: boolean;
  /** The sentence ends inside a quotation that a later sentence closes. */
  quoteOpenAfter: boolean;
}
