/**
 * Every article's text as UTF-8, in a few large blocks, an article decoded when a question reads it
 * (the last few kept). At ten million passages the texts as strings were 1.5 GB of the heap, copied
 * again and again by the garbage collector while a snapshot loaded; as bytes they are read straight
 * into place and never scanned.
 */
export interface ArticleTextColumns {
  /** The texts' UTF-8, article after article; a block holds at most BLOCK_BYTES. */
  blocks: Uint8Array[];
  /** Per article: its block, where its bytes start and end there, and its length as a string (UTF-16 code units). */
  block: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  length: Uint32Array;
}

/** A typed array holds at most 4 GiB; a block is kept well under. */
const BLOCK_BYTES = 1 << 30;
/** Articles kept decoded: a question reads a few passages of the same articles, and their neighbours. */
const RECENT = 64;

/** The texts as columns; `blockBytes` (for tests) the most a block holds. */
export function articleTextColumns(texts: readonly string[], blockBytes = BLOCK_BYTES): ArticleTextColumns {
  const n = texts.length;
  const columns: ArticleTextColumns = {
    blocks: [],
    block: new Uint32Array(n),
    start: new Uint32Array(n),
    end: new Uint32Array(n),
    length: new Uint32Array(n),
  };
  const sizes = texts.map((text) => Buffer.byteLength(text, "utf8"));
  for (let a = 0; a < n; ) {
    // The block: as many articles as fit (at least one: an article is far smaller than a block).
    let bytes = 0;
    let last = a;
    while (last < n && (last === a || bytes + sizes[last]! <= blockBytes)) bytes += sizes[last++]!;
    const block = Buffer.alloc(bytes);
    let at = 0;
    for (; a < last; a++) {
      columns.block[a] = columns.blocks.length;
      columns.start[a] = at;
      at += block.write(texts[a]!, at, "utf8");
      columns.end[a] = at;
      columns.length[a] = texts[a]!.length;
    }
    columns.blocks.push(new Uint8Array(block.buffer, block.byteOffset, block.byteLength));
  }
  return columns;
}

/** Texts of consecutive runs of articles, as one: the runs' blocks are kept as they are. */
export function mergeArticleTexts(parts: readonly ArticleTextColumns[]): ArticleTextColumns {
  if (parts.length === 1) return parts[0]!;
  const n = parts.reduce((sum, part) => sum + part.block.length, 0);
  const merged: ArticleTextColumns = {
    blocks: parts.flatMap((part) => part.blocks),
    block: new Uint32Array(n),
    start: new Uint32Array(n),
    end: new Uint32Array(n),
    length: new Uint32Array(n),
  };
  let at = 0;
  let blocksBefore = 0;
  for (const part of parts) {
    for (let a = 0; a < part.block.length; a++) merged.block[at + a] = part.block[a]! + blocksBefore;
    merged.start.set(part.start, at);
    merged.end.set(part.end, at);
    merged.length.set(part.length, at);
    at += part.block.length;
    blocksBefore += part.blocks.length;
  }
  return merged;
}

/** Checks texts read from a snapshot: one per article, each inside its block. Throws when not. */
export function checkArticleTexts(columns: ArticleTextColumns, articles: number): void {
  const { blocks, block, start, end, length } = columns ?? {};
  if (!Array.isArray(blocks) || !blocks.every((b) => b instanceof Uint8Array)) throw new Error("the articles' texts are missing");
  if (![block, start, end, length].every((c) => c instanceof Uint32Array && c.length === articles))
    throw new Error("the articles' texts and the articles differ");
  for (let a = 0; a < articles; a++) {
    const bytes = blocks[block[a]!];
    // A string has at most one code unit per UTF-8 byte.
    if (!bytes || start[a]! > end[a]! || end[a]! > bytes.length || length[a]! > end[a]! - start[a]!)
      throw new Error(`article ${a}'s text is not in its block`);
  }
}

/** The columns' typed arrays (to move them to another thread). */
export function articleTextArrays(columns: ArticleTextColumns): ArrayBufferView[] {
  return [...columns.blocks, columns.block, columns.start, columns.end, columns.length];
}

/** The texts, read article by article. */
export class ArticleTexts {
  private readonly recent = new Map<number, string>();

  constructor(readonly columns: ArticleTextColumns) {}

  /** Article a's text as a string. */
  textOf(a: number): string {
    let text = this.recent.get(a);
    if (text === undefined) {
      const { blocks, block, start, end, length } = this.columns;
      const bytes = blocks[block[a]!]!;
      text = Buffer.from(bytes.buffer, bytes.byteOffset + start[a]!, end[a]! - start[a]!).toString("utf8");
      // The snapshot's checksum guards the bytes; this guards the build that wrote them.
      if (text.length !== length[a]) throw new Error(`article ${a}'s text does not decode to its length`);
      if (this.recent.size >= RECENT) this.recent.clear();
      this.recent.set(a, text);
    }
    return text;
  }

  /**
   * Code units from … to of article a's text. An article all ASCII (a byte a character) has just
   * those bytes decoded; another is decoded whole, and kept a while.
   */
  sliceOf(a: number, from: number, to: number): string {
    const { blocks, block, start, end, length } = this.columns;
    if (end[a]! - start[a]! !== length[a] || this.recent.has(a)) return this.textOf(a).slice(from, to);
    const bytes = blocks[block[a]!]!;
    if (from < 0 || from > to || to > length[a]!) return this.textOf(a).slice(from, to);
    return Buffer.from(bytes.buffer, bytes.byteOffset + start[a]! + from, to - from).toString("latin1");
  }

  /** Article a's text's length as a string, without decoding it. */
  lengthOf(a: number): number {
    return this.columns.length[a]!;
  }
}
