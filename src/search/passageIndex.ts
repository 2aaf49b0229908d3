import SearchableMap from "minisearch/SearchableMap";
import { SEARCH } from "../tuning.js";
import { type IndexData, LEANS_ON_NEXT, LEANS_ON_PREVIOUS } from "./indexBuilder.js";
import { checkPostings, documentFrequency } from "./postings.js";
import { type ScoredDocument, type ScoredField, type ScoredTerm, Scorer } from "./scoring.js";
import { QUESTION_WORDS, STOPWORDS, WEAK_QUESTION_WORDS } from "./stopwords.js";
import { synonymsOf } from "./synonyms.js";
import { indexTerm, termsOf, tokens } from "./terms.js";
import { areVariants, variantKey } from "./variants.js";

/** One content word of a question, and the index terms it is searched as. */
export interface QueryTerm {
  word: string;
  term: string;
  /** The term occurs in the corpus. */
  known: boolean;
  /**
   * Names something: capitalised mid-question, or, in a question written all in lower case, mostly
   * capitalised in the corpus (a misspelled word: its variants). An answer must mention it.
   */
  entity: boolean;
  /** Index terms of other spellings of the word found in the corpus (Foua for Fua). */
  variants: string[];
  /** Index terms of words meaning about the same (injuries for hurt). */
  synonyms: string[];
  /**
   * Index terms of the corpus words nearest in meaning by word vectors (cashpoint → atm), with their
   * cosine: searched at a low weight, the less the further they are, and their matches kept apart
   * (SearchHit.matchedNear), never counted as the word.
   */
  neighbours: { term: string; similarity: number }[];
  /** Inverse document frequency of the term (of its best variant when unknown). */
  idf: number;
  /** How much a match counts: 1, less for words that mostly shape the question. */
  weight: number;
  /**
   * One of English's commonest words (by the word vectors' frequency ranks): spelled as meant, so
   * never matched fuzzily ("capital" is not a misspelling of "capitol").
   */
  common: boolean;
}

export interface SearchHit {
  /** Position of the document in the array the index was built from. */
  doc: number;
  score: number;
  /** The question's terms (QueryTerm.term) that the passage, its speaker or its context matched. */
  matched: Set<string>;
  /** Of those, the ones matched by the passage's own text or speaker. */
  matchedOwn: Set<string>;
  /** Of those, the ones matched by the passage's speaker. */
  matchedSpeaker: Set<string>;
  /** The question's terms whose neighbours in meaning the passage matches (and not the term itself). */
  matchedNear: Set<string>;
}

const {
  textBoost: TEXT_BOOST,
  speakerBoost: SPEAKER_BOOST,
  contextShare: CONTEXT_SHARE,
  variantWeight: VARIANT_WEIGHT,
  synonymWeight: SYNONYM_WEIGHT,
  neighbourWeight: NEIGHBOUR_WEIGHT,
  weakWeight: WEAK_WEIGHT,
  fuzzyWeight: FUZZY_WEIGHT,
  rescored: RESCORED,
  commonShare: COMMON_SHARE,
  commonMinPassages: COMMON_MIN_PASSAGES,
} = SEARCH;

/**
 * The search index over passages: MiniSearch's radix tree (SearchableMap) holds the vocabulary, term
 * → id, and finds fuzzy matches; each field's postings are typed arrays (postings.ts), scored with
 * MiniSearch's BM25+ (scoring.ts). With the vocabulary that query analysis needs.
 */
export class PassageIndex {
  private readonly termIds = new SearchableMap<number>();
  private readonly properTerms: Uint8Array;
  private readonly namesByKey: Map<string, string[]>;
  private scorer: Scorer | null = null;
  private readonly termIdsOf = new WeakMap<QueryTerm, number[]>();

  private constructor(private readonly data: IndexData) {
    for (const [id, term] of data.terms.entries()) this.termIds.set(term, id);
    this.properTerms = new Uint8Array(data.terms.length);
    for (const id of data.properTerms) this.properTerms[id] = 1;
    this.namesByKey = new Map(data.namesByKey);
  }

  get documentCount(): number {
    return this.data.documentCount;
  }

  /** Over data just built (mergeIndexParts), trusted as it is. */
  static fromData(data: IndexData): PassageIndex {
    return new PassageIndex(data);
  }

  /** From data read back from a snapshot (what toData gave); throws when the parts do not fit together. */
  static fromSnapshot(json: IndexData): PassageIndex {
    const { documentCount, terms, leans, properTerms, namesByKey } = json;
    if (!Number.isInteger(documentCount) || !Array.isArray(terms) || !Array.isArray(namesByKey)) throw new Error("the index is incomplete");
    checkPostings(json.text, terms.length, documentCount, "text");
    checkPostings(json.speaker, terms.length, documentCount, "speaker");
    if (!(leans instanceof Uint8Array) || leans.length !== documentCount) throw new Error("the index's context links do not match it");
    if (!(properTerms instanceof Uint32Array) || properTerms.some((id) => id >= terms.length))
      throw new Error("the index's names do not match it");
    return new PassageIndex(json);
  }

  /** The index's data as it is, typed arrays and all, for the snapshot to write. */
  toData(): IndexData {
    return this.data;
  }

  /** Distinct terms in the index. */
  get termCount(): number {
    return this.data.terms.length;
  }

  /** Passages whose text contains the term. */
  private documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : documentFrequency(this.data.text, id);
  }

  private isProper(term: string): boolean {
    const id = this.termIds.get(term);
    return id !== undefined && this.properTerms[id] === 1;
  }

  /** In more than COMMON_SHARE of the passages, on a corpus large enough for that to mean something. */
  private tooCommon(term: string): boolean {
    return this.documentCount >= COMMON_MIN_PASSAGES && this.documentFrequency(term) > COMMON_SHARE * this.documentCount;
  }

  /** Inverse document frequency (BM25's, always positive); an unknown term gets the highest. */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.documentCount - df + 0.5) / (df + 0.5));
  }

  /** The content words of a question, as the terms they will be searched with. */
  analyze(question: string): QueryTerm[] {
    const seen = new Set<string>();
    const terms: QueryTerm[] = [];
    const all = tokens(question);
    // A question written with capitals ("Where was Ohio's governor …") says itself which words
    // are names; one written all in lower case leaves it to how the articles write them.
    const cased = all.some((t) => t.proper);
    for (const { word, proper } of all) {
      if (STOPWORDS.has(word) || QUESTION_WORDS.has(word)) continue;
      const term = indexTerm(word);
      if (!term || seen.has(term)) continue;
      seen.add(term);
      const known = this.documentFrequency(term) > 0;
      const variants = this.variantsOf(word).filter((v) => v !== term);
      const synonyms = synonymsOf(term).filter((s) => s !== term && this.documentFrequency(s) > 0);
      const idf = known || variants.length === 0 ? this.idf(term) : Math.max(...variants.map((v) => this.idf(v)));
      const entity = cased ? proper : known ? this.isProper(term) : variants.some((v) => this.isProper(v));
      const weight = WEAK_QUESTION_WORDS.has(word) ? WEAK_WEIGHT : 1;
      terms.push({ word, term, known, entity, variants, synonyms, neighbours: [], idf, weight, common: false });
    }
    return terms;
  }

  /**
   * BM25 search for the analysed terms, their spelling variants and synonyms. With `fuzzy`, a term
   * the corpus does not have (and no variant of) is also matched within one edit, two for long words:
   * the costly part, so callers retry with it only when the exact search falls short.
   */
  search(terms: readonly QueryTerm[], limit: number, { fuzzy: allowFuzzy = false } = {}): SearchHit[] {
    if (terms.length === 0) return [];
    // Each searched index term, with the question's term it stands for.
    const searched = new Map<string, { owner: string; weight: number; fuzzy: number; near: boolean }>();
    const add = (term: string, owner: string, weight: number, fuzzy = 0, near = false) => {
      if (!searched.has(term)) searched.set(term, { owner, weight, fuzzy, near });
    };
    // Words in a large share of the passages tell them apart little and cost the most to score:
    // on a big corpus they are left out of the search (they still count when judging coverage).
    const distinctive = terms.filter((t) => !this.tooCommon(t.term));
    const chosen = distinctive.length > 0 ? distinctive : terms;
    for (const t of chosen) add(t.term, t.term, t.weight, allowFuzzy && needsFuzzy(t) ? (t.term.length >= 8 ? 2 : 1) : 0);
    for (const t of chosen) {
      for (const v of t.variants) add(v, t.term, VARIANT_WEIGHT);
      for (const s of t.synonyms) add(s, t.term, SYNONYM_WEIGHT);
    }
    for (const t of chosen)
      for (const n of t.neighbours) if (!this.tooCommon(n.term)) add(n.term, t.term, NEIGHBOUR_WEIGHT * n.similarity * t.weight, 0, true);
    const queried = [...searched.values()];
    const scored: ScoredTerm[] = [...searched].map(([term, { weight, fuzzy }]) => ({
      derived: this.derivedTerms(term, fuzzy),
      boost: weight,
    }));
    const fields: ScoredField[] = [
      { postings: this.data.text, boost: TEXT_BOOST },
      { postings: this.data.speaker, boost: SPEAKER_BOOST },
    ];
    this.scorer ??= new Scorer(this.documentCount);
    // Only the best few hundred are worth a closer look.
    const best = this.scorer.top(scored, fields, RESCORED);
    const byDoc = new Map(best.map((d) => [d.doc, d]));
    // A passage that leans on a neighbour ("It was later denied.") is also about what the
    // neighbour says: it gains a share of the neighbour's score and its matches, as context.
    const leaningOn = (doc: number) => {
      const leans = this.data.leans[doc]!;
      return [leans & LEANS_ON_PREVIOUS ? doc - 1 : -1, leans & LEANS_ON_NEXT ? doc + 1 : -1].filter((n) => byDoc.has(n));
    };
    const ranked = best
      .map((d) => ({ scored: d, score: leaningOn(d.doc).reduce((sum, n) => sum + CONTEXT_SHARE * byDoc.get(n)!.score, d.score) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
    // Which terms each matched, read only for those kept and the neighbours they lean on.
    const own = new Map<number, ReturnType<typeof matchesOf>>();
    const matchesAt = (doc: number) => {
      let m = own.get(doc);
      if (!m) {
        m = matchesOf(byDoc.get(doc)!, queried);
        own.set(doc, m);
      }
      return m;
    };
    return ranked.map(({ scored: { doc }, score }) => {
      const { matchedOwn, matchedSpeaker, matchedNear } = matchesAt(doc);
      const matched = new Set(matchedOwn);
      for (const neighbour of leaningOn(doc)) for (const term of matchesAt(neighbour).matchedOwn) matched.add(term);
      return { doc, score, matched, matchedOwn, matchedSpeaker, matchedNear };
    });
  }

  /**
   * What a passage found by other means (by meaning) matches of the terms, as a search hit without
   * a BM25 score: for judging it alongside the search's own hits. `own`: the index terms of its text.
   */
  hitFor(terms: readonly QueryTerm[], doc: number, own: ReadonlySet<string>, speaker: string | null): SearchHit {
    const spoken = speaker ? termsOf(speaker) : new Set<string>();
    const has = (set: ReadonlySet<string>, t: QueryTerm) =>
      set.has(t.term) || t.variants.some((v) => set.has(v)) || t.synonyms.some((s) => set.has(s));
    const matchedOwn = new Set(terms.filter((t) => has(own, t) || has(spoken, t)).map((t) => t.term));
    const matchedSpeaker = new Set(terms.filter((t) => has(spoken, t)).map((t) => t.term));
    const matchedNear = new Set(
      terms.filter((t) => !matchedOwn.has(t.term) && t.neighbours.some((n) => own.has(n.term))).map((t) => t.term),
    );
    return { doc, score: 0, matched: new Set(matchedOwn), matchedOwn, matchedSpeaker, matchedNear };
  }

  /**
   * Whether the term, or a spelling variant of it, occurs in a passage from `from` to `to` - 1 (an
   * article's range): a binary search of its postings.
   */
  occursIn(t: QueryTerm, from: number, to: number): boolean {
    const { offsets, docs } = this.data.text;
    for (const id of this.idsOf(t)) {
      let low = offsets[id]!;
      let high = offsets[id + 1]!;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (docs[mid]! < from) low = mid + 1;
        else high = mid;
      }
      if (low < offsets[id + 1]! && docs[low]! < to) return true;
    }
    return false;
  }

  /** The ids of a question's term and its variants that the index has: looked up once a question (judging asks hundreds of times). */
  private idsOf(t: QueryTerm): number[] {
    let ids = this.termIdsOf.get(t);
    if (!ids) {
      ids = [];
      for (const term of [t.term, ...t.variants]) {
        const id = this.termIds.get(term);
        if (id !== undefined) ids.push(id);
      }
      this.termIdsOf.set(t, ids);
    }
    return ids;
  }

  /** The index terms a searched term matches: itself, and with `fuzzy` edits allowed, those within that many. */
  private derivedTerms(term: string, fuzzy: number): { term: number; weight: number }[] {
    const id = this.termIds.get(term);
    const derived = id === undefined ? [] : [{ term: id, weight: 1 }];
    if (fuzzy > 0) {
      for (const [other, [otherId, distance]] of this.termIds.fuzzyGet(term, fuzzy)) {
        if (distance > 0) derived.push({ term: otherId, weight: (FUZZY_WEIGHT * other.length) / (other.length + distance) });
      }
    }
    return derived;
  }

  private variantsOf(word: string): string[] {
    const key = variantKey(word);
    const group = key ? this.namesByKey.get(key) : undefined;
    if (!group) return [];
    const out = new Set<string>();
    for (const other of group) {
      if (other === word || !areVariants(word, other)) continue;
      const term = indexTerm(other);
      if (term) out.add(term);
    }
    return [...out];
  }
}

/** The question's terms a passage matched by its own text or speaker, by its speaker, and by neighbours in meaning only. */
function matchesOf(
  scored: ScoredDocument,
  queried: readonly { owner: string; near: boolean }[],
): { matchedOwn: Set<string>; matchedSpeaker: Set<string>; matchedNear: Set<string> } {
  const matchedOwn = new Set<string>();
  const matchedSpeaker = new Set<string>();
  const matchedNear = new Set<string>();
  queried.forEach(({ owner, near }, q) => {
    if (near) {
      if (scored.matched(0, q)) matchedNear.add(owner);
      return;
    }
    if (scored.matched(0, q)) matchedOwn.add(owner);
    if (scored.matched(1, q)) {
      matchedOwn.add(owner);
      matchedSpeaker.add(owner);
    }
  });
  for (const term of matchedOwn) matchedNear.delete(term);
  return { matchedOwn, matchedSpeaker, matchedNear };
}

/** A term worth matching fuzzily: unknown to the corpus, with no spelling variant, not a common word, long enough to judge. */
export function needsFuzzy(t: QueryTerm): boolean {
  return !t.known && !t.common && t.variants.length === 0 && t.term.length >= 5;
}
