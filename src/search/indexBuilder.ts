import { PROPER_SHARE } from "../tuning.js";
import { acronymsOf } from "./acronyms.js";
import { type FieldPostings, FieldPostingsBuilder, layOutPostings, type RawPostings } from "./postings.js";
import { eachToken, indexTerm } from "./terms.js";
import { variantKey } from "./variants.js";

/** What the index needs of a passage. */
export interface IndexedDocument {
  text: string;
  /** Who said it, with their description, when the passage is speech. */
  speaker: string | null;
  /** It leans on the passage before it (its pronoun's antecedent, the start of its quotation). */
  leansOnPrevious: boolean;
  /** It leans on the passage after it (the rest of its quotation). */
  leansOnNext: boolean;
}

export const LEANS_ON_PREVIOUS = 1;
export const LEANS_ON_NEXT = 2;

/** Everything the index holds: what a snapshot saves. */
export interface IndexData {
  documentCount: number;
  /** Index terms by id. */
  terms: string[];
  text: FieldPostings;
  speaker: FieldPostings;
  /** For each passage, LEANS_ON_PREVIOUS | LEANS_ON_NEXT. */
  leans: Uint8Array;
  /** Ids of the terms written mostly as names. */
  properTerms: Uint32Array;
  /** Variant key → the names in the corpus with that key. */
  namesByKey: [string, string[]][];
}

const STOPWORD = -1;

/**
 * The index of one run of passages, its term ids its own: built in parallel, one per thread, then
 * merged (mergeIndexParts) into what one pass over all the passages would have built.
 */
export interface IndexPart {
  terms: string[];
  /** Per term id: uses in passages' text, and uses written as a name. */
  uses: Uint32Array;
  properUses: Uint32Array;
  text: RawPostings;
  speaker: RawPostings;
  leans: Uint8Array;
  namesByKey: [string, string[]][];
  /** The distinct words indexed (folded, as the tokenizer gives them; no stopwords): what word vectors are kept for. */
  words: string[];
}

/** Tokenises, stems and counts every passage once, into raw postings and the vocabulary. */
export function indexPartOf(documents: readonly IndexedDocument[]): IndexPart {
  const terms: string[] = [];
  const uses: number[] = [];
  const properUses: number[] = [];
  const idOfTerm = new Map<string, number>();
  // Most words recur: each is stemmed, looked up and keyed once, then known by its term id.
  const idOfWord = new Map<string, number>();
  const idOf = (word: string): number => {
    let id = idOfWord.get(word);
    if (id !== undefined) return id;
    const term = indexTerm(word);
    id = term ? idOfTerm.get(term) : STOPWORD;
    if (id === undefined) {
      id = terms.push(term!) - 1;
      idOfTerm.set(term!, id);
      uses.push(0);
      properUses.push(0);
    }
    idOfWord.set(word, id);
    return id;
  };
  const namesByKey = new Map<string, Set<string>>();
  const keyed = new Set<string>();
  const text = new FieldPostingsBuilder();
  const speaker = new FieldPostingsBuilder();
  const leans = new Uint8Array(documents.length);
  const ids: number[] = [];
  documents.forEach((doc, d) => {
    ids.length = 0;
    eachToken(withAcronyms(doc.text), (word, proper, opens) => {
      const id = idOf(word);
      if (id === STOPWORD) return;
      ids.push(id);
      // A sentence's first word is capitalised whatever it is: only the others say name or not.
      if (!opens) uses[id]!++;
      if (!proper) return;
      properUses[id]!++;
      if (keyed.has(word)) return;
      keyed.add(word);
      const key = variantKey(word);
      if (key) namesByKey.set(key, (namesByKey.get(key) ?? new Set()).add(word));
    });
    text.addDocument(ids);
    ids.length = 0;
    if (doc.speaker) {
      eachToken(withAcronyms(doc.speaker), (word) => {
        const id = idOf(word);
        if (id !== STOPWORD) ids.push(id);
      });
    }
    speaker.addDocument(ids);
    leans[d] = (doc.leansOnPrevious ? LEANS_ON_PREVIOUS : 0) | (doc.leansOnNext ? LEANS_ON_NEXT : 0);
  });
  return {
    terms,
    uses: Uint32Array.from(uses),
    properUses: Uint32Array.from(properUses),
    text: text.raw(),
    speaker: speaker.raw(),
    leans,
    namesByKey: [...namesByKey].map(([key, group]) => [key, [...group]]),
    words: [...idOfWord].filter(([, id]) => id !== STOPWORD).map(([word]) => word),
  };
}

/** The parts (in corpus order) as one index: term ids in order of first use, as a single pass assigns them. */
export function mergeIndexParts(parts: readonly IndexPart[]): IndexData {
  const terms: string[] = [];
  const idOfTerm = new Map<string, number>();
  const globalTerms = parts.map((part) =>
    Uint32Array.from(part.terms, (term) => {
      let id = idOfTerm.get(term);
      if (id === undefined) {
        id = terms.push(term) - 1;
        idOfTerm.set(term, id);
      }
      return id;
    }),
  );
  const uses = new Float64Array(terms.length);
  const properUses = new Float64Array(terms.length);
  for (const [p, part] of parts.entries()) {
    for (const [t, u] of part.uses.entries()) {
      uses[globalTerms[p]![t]!]! += u;
      properUses[globalTerms[p]![t]!]! += part.properUses[t]!;
    }
  }
  const properTerms: number[] = [];
  properUses.forEach((p, id) => {
    if (p > 0 && p / uses[id]! > PROPER_SHARE) properTerms.push(id);
  });
  const namesByKey = new Map<string, Set<string>>();
  for (const part of parts)
    for (const [key, group] of part.namesByKey) for (const name of group) namesByKey.set(key, (namesByKey.get(key) ?? new Set()).add(name));
  let docOffset = 0;
  const offsets = parts.map((part) => {
    const offset = docOffset;
    docOffset += part.leans.length;
    return offset;
  });
  const field = (of: (part: IndexPart) => RawPostings) =>
    layOutPostings(
      parts.map((part, p) => ({ raw: of(part), globalTerm: globalTerms[p]!, docOffset: offsets[p]! })),
      terms.length,
    );
  const leans = new Uint8Array(docOffset);
  for (const [p, part] of parts.entries()) leans.set(part.leans, offsets[p]!);
  return {
    documentCount: docOffset,
    terms,
    text: field((part) => part.text),
    speaker: field((part) => part.speaker),
    leans,
    properTerms: Uint32Array.from(properTerms),
    namesByKey: [...namesByKey].map(([key, group]) => [key, [...group]]),
  };
}

/** The text followed by the acronyms of its names, as indexed. */
function withAcronyms(text: string): string {
  const acronyms = acronymsOf(text);
  return acronyms.length > 0 ? `${text} ${acronyms.join(" ")}` : text;
}
