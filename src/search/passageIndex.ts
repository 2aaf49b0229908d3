import MiniSearch, { type SearchResult } from "minisearch";
import { acronymsOf } from "./acronyms.js";
import { QUESTION_WORDS, STOPWORDS, WEAK_QUESTION_WORDS } from "./stopwords.js";
import { synonymsOf } from "./synonyms.js";
import { indexTerm, termsFor, tokens } from "./terms.js";
import { areVariants, editDistance, variantKey } from "./variants.js";

/** What the index needs of a passage. */
export interface IndexedDocument {
  text: string;
  /** Who said it, with their description, when the passage is speech. */
  speaker: string | null;
  /** Positions of the neighbouring passages it leans on (its pronoun's antecedent, the rest of its quotation). */
  leansOn: readonly number[];
}

/** One content word of a question, and the index terms it is searched as. */
export interface QueryTerm {
  word: string;
  term: string;
  /** The term occurs in the corpus. */
  known: boolean;
  /** Names something (capitalised in the question, or mostly so in the corpus): an answer must mention it. */
  entity: boolean;
  /** Index terms of other spellings of the word found in the corpus (Foua for Fua). */
  variants: string[];
  /** Index terms of words meaning about the same (injuries for hurt). */
  synonyms: string[];
  /** Inverse document frequency of the term (of its best variant when unknown). */
  idf: number;
  /** How much a match counts: 1, less for words that mostly shape the question. */
  weight: number;
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
}

/** The speaker's name counts for less than the words said. */
const FIELD_BOOST = { text: 1, speaker: 0.5 };
/** A passage that leans on a neighbour gains this share of the neighbour's score, and its matches as context. */
const CONTEXT_SHARE = 0.25;
const VARIANT_WEIGHT = 0.8;
const SYNONYM_WEIGHT = 0.5;
const WEAK_WEIGHT = 0.4;
/** How many of the best BM25 results are rescored with context and coverage. */
const RESCORED = 300;
/** A term in more than this share of the passages is too common to search for ... */
const COMMON_SHARE = 0.02;
/** ... once the corpus has at least this many passages. */
const COMMON_MIN_PASSAGES = 5_000;
/** A word is a name when at least this share of its mid-sentence uses are capitalised. */
const PROPER_SHARE = 0.5;

/** Fields are indexed as their terms, already stemmed and joined by spaces (see termsFor). */
const miniSearchOptions = {
  idField: "id",
  fields: ["text", "speaker"],
  storeFields: [],
  tokenize: (terms: string) => terms.split(" "),
  processTerm: (term: string) => term || null,
};

interface Vocabulary {
  /** Index term → number of passages whose text contains it. */
  documentFrequency: Map<string, number>;
  /** Index terms written mostly as names. */
  properTerms: Set<string>;
  /** Variant key → names in the corpus with that key. */
  namesByKey: Map<string, Set<string>>;
}

export interface PassageIndexJSON {
  miniSearch: unknown;
  /** For each passage, the positions of the passages it leans on. */
  leansOn: number[][];
  documentCount: number;
  documentFrequency: [string, number][];
  properTerms: string[];
  namesByKey: [string, string[]][];
}

/** A MiniSearch index over passages, with the vocabulary that query analysis needs. */
export class PassageIndex {
  private constructor(
    private readonly miniSearch: MiniSearch,
    private readonly vocabulary: Vocabulary,
    readonly documentCount: number,
    private readonly leansOn: readonly (readonly number[])[],
  ) {}

  static build(documents: readonly IndexedDocument[]): PassageIndex {
    const miniSearch = new MiniSearch(miniSearchOptions);
    const documentFrequency = new Map<string, number>();
    const uses = new Map<string, number>();
    const properUses = new Map<string, number>();
    const namesByKey = new Map<string, Set<string>>();
    // Stems and phonetic keys are worth computing once per word, not once per occurrence.
    const stems = new Map<string, string | null>();
    const stemOf = (word: string) => {
      let term = stems.get(word);
      if (term === undefined) stems.set(word, (term = indexTerm(word)));
      return term;
    };
    const keys = new Map<string, string | null>();
    documents.forEach((doc, id) => {
      const textTerms = termsFor(withAcronyms(doc.text), stemOf, (word, term, proper) => {
        uses.set(term, (uses.get(term) ?? 0) + 1);
        if (!proper) return;
        properUses.set(term, (properUses.get(term) ?? 0) + 1);
        let key = keys.get(word);
        if (key === undefined) keys.set(word, (key = variantKey(word)));
        if (!key) return;
        const group = namesByKey.get(key) ?? new Set<string>();
        group.add(word);
        namesByKey.set(key, group);
      });
      for (const term of new Set(textTerms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      const speakerTerms = doc.speaker ? termsFor(withAcronyms(doc.speaker), stemOf) : [];
      miniSearch.add({ id, text: textTerms.join(" "), speaker: speakerTerms.join(" ") });
    });
    const properTerms = new Set([...properUses].filter(([term, p]) => p / uses.get(term)! >= PROPER_SHARE).map(([term]) => term));
    return new PassageIndex(miniSearch, { documentFrequency, properTerms, namesByKey }, documents.length, documents.map((d) => d.leansOn));
  }

  static fromJSON(json: PassageIndexJSON): PassageIndex {
    const miniSearch = MiniSearch.loadJS(json.miniSearch as never, miniSearchOptions);
    return new PassageIndex(
      miniSearch,
      {
        documentFrequency: new Map(json.documentFrequency),
        properTerms: new Set(json.properTerms),
        namesByKey: new Map(json.namesByKey.map(([key, group]) => [key, new Set(group)])),
      },
      json.documentCount,
      json.leansOn,
    );
  }

  toJSON(): PassageIndexJSON {
    return {
      miniSearch: this.miniSearch.toJSON(),
      documentCount: this.documentCount,
      leansOn: this.leansOn.map((l) => [...l]),
      documentFrequency: [...this.vocabulary.documentFrequency],
      properTerms: [...this.vocabulary.properTerms],
      namesByKey: [...this.vocabulary.namesByKey].map(([key, group]) => [key, [...group]]),
    };
  }

  /** Distinct terms in the index. */
  get termCount(): number {
    return this.miniSearch.termCount;
  }

  /** In more than COMMON_SHARE of the passages, on a corpus large enough for that to mean something. */
  private tooCommon(term: string): boolean {
    return this.documentCount >= COMMON_MIN_PASSAGES && (this.vocabulary.documentFrequency.get(term) ?? 0) > COMMON_SHARE * this.documentCount;
  }

  /** Inverse document frequency (BM25's, always positive); an unknown term gets the highest. */
  idf(term: string): number {
    const df = this.vocabulary.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.documentCount - df + 0.5) / (df + 0.5));
  }

  /** The content words of a question, as the terms they will be searched with. */
  analyze(question: string): QueryTerm[] {
    const seen = new Set<string>();
    const terms: QueryTerm[] = [];
    for (const { word, proper } of tokens(question)) {
      if (STOPWORDS.has(word) || QUESTION_WORDS.has(word)) continue;
      const term = indexTerm(word);
      if (!term || seen.has(term)) continue;
      seen.add(term);
      const known = this.vocabulary.documentFrequency.has(term);
      const variants = this.variantsOf(word).filter((v) => v !== term);
      const synonyms = synonymsOf(term).filter((s) => s !== term && this.vocabulary.documentFrequency.has(s));
      const idf = known || variants.length === 0 ? this.idf(term) : Math.max(...variants.map((v) => this.idf(v)));
      const entity = proper || this.vocabulary.properTerms.has(term) || variants.some((v) => this.vocabulary.properTerms.has(v));
      const weight = WEAK_QUESTION_WORDS.has(word) ? WEAK_WEIGHT : 1;
      terms.push({ word, term, known, entity, variants, synonyms, idf, weight });
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
    const ownerOf = new Map<string, string>();
    const weight = new Map<string, number>();
    const fuzzy = new Map<string, number>();
    const add = (searched: string, owner: string, w: number) => {
      if (ownerOf.has(searched)) return;
      ownerOf.set(searched, owner);
      weight.set(searched, w);
    };
    // Words in a large share of the passages tell them apart little and cost the most to score:
    // on a big corpus they are left out of the search (they still count when judging coverage).
    const searched = terms.filter((t) => !this.tooCommon(t.term));
    for (const t of searched.length > 0 ? searched : terms) add(t.term, t.term, t.weight);
    for (const t of searched.length > 0 ? searched : terms) {
      if (allowFuzzy && needsFuzzy(t)) fuzzy.set(t.term, t.term.length >= 8 ? 2 : 1);
      for (const v of t.variants) add(v, t.term, VARIANT_WEIGHT);
      for (const s of t.synonyms) add(s, t.term, SYNONYM_WEIGHT);
    }
    const results = this.miniSearch.search([...ownerOf.keys()].join(" "), {
      tokenize: (query: string) => query.split(" "),
      processTerm: (term: string) => term,
      boost: FIELD_BOOST,
      fuzzy: (term: string) => fuzzy.get(term) ?? false,
      maxFuzzy: 2,
      boostTerm: (term: string) => weight.get(term) ?? 1,
      combineWith: "OR",
    });
    const hits = new Map<number, SearchHit>();
    // Only the best few hundred are worth a closer look (results come best first).
    for (const r of results.length > RESCORED ? results.slice(0, RESCORED) : results) {
      const matchedOwn = new Set<string>();
      const matchedSpeaker = new Set<string>();
      for (const [matchedTerm, fields] of Object.entries(r.match)) {
        const owner = ownerOf.get(matchedTerm) ?? ownerOf.get(fuzzySource(matchedTerm, r, fuzzy)) ?? matchedTerm;
        matchedOwn.add(owner);
        if (fields.includes("speaker")) matchedSpeaker.add(owner);
      }
      hits.set(r.id as number, { doc: r.id as number, score: r.score, matched: new Set(matchedOwn), matchedOwn, matchedSpeaker });
    }
    // A passage that leans on a neighbour ("It was later denied.") is also about what the
    // neighbour says: it gains a share of the neighbour's score and its matches, as context.
    const own = new Map([...hits].map(([doc, hit]) => [doc, hit.score]));
    for (const hit of hits.values()) {
      for (const neighbour of this.leansOn[hit.doc] ?? []) {
        const other = hits.get(neighbour);
        if (!other) continue;
        hit.score += CONTEXT_SHARE * own.get(neighbour)!;
        for (const term of other.matchedOwn) hit.matched.add(term);
      }
    }
    return [...hits.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  }

  private variantsOf(word: string): string[] {
    const key = variantKey(word);
    const group = key ? this.vocabulary.namesByKey.get(key) : undefined;
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

/** A term worth matching fuzzily: unknown to the corpus, with no spelling variant, long enough to judge. */
export function needsFuzzy(t: QueryTerm): boolean {
  return !t.known && t.variants.length === 0 && t.term.length >= 5;
}

/** The text followed by the acronyms of its names, as indexed. */
function withAcronyms(text: string): string {
  const acronyms = acronymsOf(text);
  return acronyms.length > 0 ? `${text} ${acronyms.join(" ")}` : text;
}

/** The fuzzy query term that matched indexTerm: MiniSearch names the index term, not the query's. */
function fuzzySource(indexTerm: string, result: SearchResult, fuzzy: Map<string, number>): string {
  const candidates = result.queryTerms.filter((q) => fuzzy.has(q) && !(q in result.match));
  let best = candidates[0] ?? indexTerm;
  for (const q of candidates) if (editDistance(q, indexTerm) < editDistance(best, indexTerm)) best = q;
  return best;
}
