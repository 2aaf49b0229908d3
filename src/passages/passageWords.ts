/**
 * Each passage's words, as words() cuts them (stopwords kept, in order), cut once by the build so that
 * no question tokenizes its candidates again: each word stored as its position in a vocabulary of the
 * distinct words, seven bits a byte. Words in order of first use put the commonest at small numbers,
 * so most take one byte: about 1.3 bytes a word, 40 a passage with its offset.
 */
export interface PassageWordsColumns {
  /** The distinct words, in order of first use. */
  vocabulary: string[];
  /** Passage i's words are coded in codes[offsets[i]] … codes[offsets[i + 1]] - 1. */
  offsets: Uint32Array;
  /** Each word's position in the vocabulary, low seven bits first; a set high bit says another byte follows. */
  codes: Uint8Array;
}

/** At most four bytes a word: 28 bits, a vocabulary of 268 million words. */
const CODE_BITS = 28;
const MAX_WORDS = 2 ** CODE_BITS;

/** A typed array of bytes that grows as bytes are pushed. */
class GrowingBytes {
  private bytes = new Uint8Array(1 << 16);
  length = 0;

  push(byte: number): void {
    if (this.length === this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    this.bytes[this.length++] = byte;
  }

  trimmed(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Collects passages' words, passage by passage, in order. */
export class PassageWordsBuilder {
  private readonly vocabulary: string[] = [];
  private readonly idOf = new Map<string, number>();
  private readonly offsets: number[] = [0];
  private readonly codes = new GrowingBytes();

  /** The next passage's words. */
  add(words: readonly string[]): void {
    for (const word of words) this.code(this.idOfWord(word));
    this.offsets.push(this.codes.length);
  }

  /** The next passage's words, by their positions in another vocabulary (a part's, being merged). */
  addCoded(columns: PassageWordsColumns, passage: number, mapped: Uint32Array): void {
    eachWordId(columns, passage, (id) => this.code(mapped[id]!));
    this.offsets.push(this.codes.length);
  }

  /** Its position in this vocabulary, the word added when new. */
  idOfWord(word: string): number {
    let id = this.idOf.get(word);
    if (id === undefined) {
      id = this.vocabulary.push(word) - 1;
      this.idOf.set(word, id);
    }
    return id;
  }

  private code(id: number): void {
    if (id >= MAX_WORDS) throw new RangeError(`more than ${MAX_WORDS} distinct words`);
    while (id >= 0x80) {
      this.codes.push((id & 0x7f) | 0x80);
      id >>>= 7;
    }
    this.codes.push(id);
  }

  build(): PassageWordsColumns {
    return { vocabulary: this.vocabulary, offsets: Uint32Array.from(this.offsets), codes: this.codes.trimmed() };
  }
}

/** Passage i's words. */
export function wordsAt(columns: PassageWordsColumns, i: number): string[] {
  const out: string[] = [];
  eachWordId(columns, i, (id) => out.push(columns.vocabulary[id]!));
  return out;
}

/** Each of passage i's words, by its position in the vocabulary. */
export function eachWordId(columns: PassageWordsColumns, i: number, visit: (id: number) => void): void {
  const { codes, offsets } = columns;
  for (let at = offsets[i]!, end = offsets[i + 1]!; at < end; ) {
    let id = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = codes[at++]!;
      id |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    visit(id);
  }
}

/** Consecutive runs of passages' words, as one: each part's words renumbered in the joined vocabulary. */
export function mergeWords(parts: readonly PassageWordsColumns[]): PassageWordsColumns {
  if (parts.length === 1) return parts[0]!;
  const joined = new PassageWordsBuilder();
  for (const part of parts) {
    const mapped = Uint32Array.from(part.vocabulary, (word) => joined.idOfWord(word));
    for (let i = 0; i + 1 < part.offsets.length; i++) joined.addCoded(part, i, mapped);
  }
  return joined.build();
}

/** Checks words read from a snapshot: one run a passage, every code complete and within the vocabulary. */
export function checkWords(columns: PassageWordsColumns | undefined, passages: number): asserts columns is PassageWordsColumns {
  const { vocabulary, offsets, codes } = columns ?? {};
  const fits =
    Array.isArray(vocabulary) &&
    offsets instanceof Uint32Array &&
    codes instanceof Uint8Array &&
    offsets.length === passages + 1 &&
    offsets[0] === 0 &&
    offsets[passages] === codes.length &&
    (codes.length === 0 || (codes[codes.length - 1]! & 0x80) === 0);
  if (!fits) throw new Error("the passages' words do not match them");
  for (let w = 0; w < vocabulary.length; w++) {
    if (typeof vocabulary[w] !== "string") throw new Error("the passages' vocabulary holds something other than words");
  }
  for (let i = 0; i < passages; i++) {
    // Each run ends a code: its last byte has no continuation bit.
    if (offsets[i + 1]! < offsets[i]! || (offsets[i + 1]! > offsets[i]! && (codes[offsets[i + 1]! - 1]! & 0x80) !== 0))
      throw new Error(`passage ${i}'s words do not match it`);
  }
  let id = 0;
  let shift = 0;
  for (let i = 0; i < codes.length; i++) {
    const byte = codes[i]!;
    id |= (byte & 0x7f) << shift;
    shift += 7;
    if (byte & 0x80) {
      if (shift >= CODE_BITS) throw new Error("a passage's word is not in the vocabulary");
      continue;
    }
    if (id >= vocabulary.length) throw new Error("a passage's word is not in the vocabulary");
    id = 0;
    shift = 0;
  }
}
