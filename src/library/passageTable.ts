import type { Attribution } from "../attribution/attribution.js";
import { type Passage, passageId } from "../passages/passage.js";
import { checkWords, eachWordId, mergeWords, PassageWordsBuilder, type PassageWordsColumns, wordsAt } from "../passages/passageWords.js";
import { indexTerm, words } from "../search/terms.js";
import {
  type ArticleTextColumns,
  ArticleTexts,
  articleTextArrays,
  articleTextColumns,
  checkArticleTexts,
  mergeArticleTexts,
} from "./articleTexts.js";
import {
  type AttributionColumns,
  AttributionList,
  attributionArrays,
  attributionCount,
  attributionOf,
  checkAttributions,
  speakerOf,
} from "./attributionColumns.js";

/** A passage with its speaker: what the index holds and answers quote. */
export interface AttributedPassage extends Passage {
  attribution: Attribution;
}

/**
 * Every passage of the library, stored by column: each article's text once (as UTF-8, articleTexts.ts), and per passage its
 * article, offsets, paragraph, sentence and attribution as numbers (24 bytes). A passage object is
 * made only when asked for, its text cut from the article's. A million passages as objects cost
 * ~700 MB of heap and seconds of JSON to load; as columns, their text plus 24 MB.
 */
export interface PassageColumns {
  /** Each article's id and text, in the library's article order. */
  articleIds: string[];
  texts: ArticleTextColumns;
  /** Per passage, in order (article by article, each article's in order): */
  article: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  paragraph: Uint32Array;
  sentence: Uint32Array;
  /** Position in `attributions`. */
  attribution: Uint32Array;
  /** The distinct attributions: most passages share one with others. */
  attributions: AttributionColumns;
  /** Each passage's words, cut by the build (passageWords.ts). */
  words: PassageWordsColumns;
}

export class PassageTable implements Iterable<AttributedPassage> {
  /** first[a] is the position of article a's first passage; first[articles] is the passage count. */
  private readonly first: Uint32Array;
  private readonly texts: ArticleTexts;
  /** The index term of each word of the words' vocabulary (null for a stopword), worked out when first read. */
  private termOfWord: (string | null)[] | undefined;

  constructor(readonly columns: PassageColumns) {
    this.texts = new ArticleTexts(columns.texts);
    // Passages are in article order: each article's range follows from the counts before it.
    this.first = new Uint32Array(columns.articleIds.length + 1);
    for (const a of columns.article) this.first[a + 1]!++;
    for (let a = 0; a < columns.articleIds.length; a++) this.first[a + 1]! += this.first[a]!;
  }

  /** Checks columns read from a snapshot: every passage inside its article's text, ids and counts consistent. */
  static fromColumns(columns: PassageColumns): PassageTable {
    const { articleIds, texts, article, start, end, paragraph, sentence, attribution, attributions } = columns;
    const n = article?.length;
    const arrays = [article, start, end, paragraph, sentence, attribution];
    if (!Array.isArray(articleIds)) throw new Error("the passages' articles are incomplete");
    checkArticleTexts(texts, articleIds.length);
    checkAttributions(attributions);
    const distinct = attributionCount(attributions);
    if (!arrays.every((a) => a instanceof Uint32Array && a.length === n)) throw new Error("the passage columns differ in length");
    checkWords(columns.words, n);
    const lengths = texts.length;
    for (let i = 0; i < n; i++) {
      const a = article[i]!;
      if (a >= articleIds.length || start[i]! > end[i]! || end[i]! > lengths[a]! || attribution[i]! >= distinct) {
        throw new Error(`passage ${i} does not fit its article`);
      }
      if (i > 0 && article[i]! < article[i - 1]!) throw new Error("the passages are out of article order");
    }
    return new PassageTable(columns);
  }

  get length(): number {
    return this.columns.article.length;
  }

  /** Passage i, or undefined outside 0 … length - 1. */
  at(i: number): AttributedPassage | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined;
    const c = this.columns;
    const a = c.article[i]!;
    const articleId = c.articleIds[a]!;
    const paragraph = c.paragraph[i]!;
    const sentence = c.sentence[i]!;
    return {
      id: passageId(articleId, paragraph, sentence),
      articleId,
      paragraph,
      sentence,
      indexInArticle: i - this.first[a]!,
      start: c.start[i]!,
      end: c.end[i]!,
      text: this.texts.sliceOf(a, c.start[i]!, c.end[i]!),
      attribution: attributionOf(c.attributions, c.attribution[i]!),
    };
  }

  /** Passages from … to - 1. */
  slice(from: number, to: number): AttributedPassage[] {
    const out: AttributedPassage[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) out.push(this.at(i)!);
    return out;
  }

  /** The text of passage i, without making the passage. */
  textAt(i: number): string {
    const c = this.columns;
    return this.texts.sliceOf(c.article[i]!, c.start[i]!, c.end[i]!);
  }

  /** Article a's whole text. */
  articleText(a: number): string {
    return this.texts.textOf(a);
  }

  /** The words of passage i, as words() cuts its text, without cutting it again. */
  wordsAt(i: number): string[] {
    return wordsAt(this.columns.words, i);
  }

  /** The index terms of passage i's words, in order: null for a stopword. */
  termsAt(i: number): (string | null)[] {
    const { vocabulary } = this.columns.words;
    this.termOfWord ??= new Array<string | null>(vocabulary.length);
    const termOfWord = this.termOfWord;
    const out: (string | null)[] = [];
    eachWordId(this.columns.words, i, (id) => {
      let term = termOfWord[id];
      if (term === undefined) {
        term = indexTerm(vocabulary[id]!);
        termOfWord[id] = term;
      }
      out.push(term);
    });
    return out;
  }

  /** The attribution of passage i, without making the passage. */
  attributionAt(i: number): Attribution {
    return attributionOf(this.columns.attributions, this.columns.attribution[i]!);
  }

  /** The speaker of passage i, without making its attribution. */
  speakerAt(i: number): string | null {
    return speakerOf(this.columns.attributions, this.columns.attribution[i]!);
  }

  /** Whether passages i and j belong to the same article. */
  sameArticle(i: number, j: number): boolean {
    return j >= 0 && j < this.length && this.columns.article[i] === this.columns.article[j];
  }

  /** The range of the passages of passage i's article. */
  articleRangeAt(i: number): { start: number; end: number } {
    return this.rangeOf(this.columns.article[i]!);
  }

  /** The range of article a's passages: start, and one past the last. */
  rangeOf(a: number): { start: number; end: number } {
    return { start: this.first[a]!, end: this.first[a + 1]! };
  }

  *[Symbol.iterator](): Iterator<AttributedPassage> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }
}

/** The columns' typed arrays (to move them to another thread). */
export function passageArraysOf(c: PassageColumns): ArrayBufferView[] {
  return [
    c.article,
    c.start,
    c.end,
    c.paragraph,
    c.sentence,
    c.attribution,
    c.words.offsets,
    c.words.codes,
    ...articleTextArrays(c.texts),
    ...attributionArrays(c.attributions),
  ];
}

/** Collects passages article by article into columns. */
export class PassageTableBuilder {
  private readonly articleIds: string[] = [];
  private readonly articleTexts: string[] = [];
  private readonly rows: number[][] = [[], [], [], [], [], []];
  private readonly attributions = new AttributionList();
  private readonly words = new PassageWordsBuilder();

  /** The next article and its attributed passages, in order. */
  addArticle(
    article: { id: string; text: string },
    passages: readonly { paragraph: number; sentence: number; start: number; end: number }[],
    attributions: readonly Attribution[],
  ): void {
    const a = this.articleIds.push(article.id) - 1;
    this.articleTexts.push(article.text);
    const [articles, starts, ends, paragraphs, sentences, attributionIds] = this.rows as [
      number[],
      number[],
      number[],
      number[],
      number[],
      number[],
    ];
    passages.forEach((p, i) => {
      articles.push(a);
      starts.push(p.start);
      ends.push(p.end);
      paragraphs.push(p.paragraph);
      sentences.push(p.sentence);
      attributionIds.push(this.attributions.idOf(attributions[i]!));
      this.words.add(words(article.text.slice(p.start, p.end)));
    });
  }

  build(): PassageTable {
    const [article, start, end, paragraph, sentence, attribution] = this.rows.map((r) => Uint32Array.from(r)) as [
      Uint32Array,
      Uint32Array,
      Uint32Array,
      Uint32Array,
      Uint32Array,
      Uint32Array,
    ];
    return new PassageTable({
      articleIds: this.articleIds,
      texts: articleTextColumns(this.articleTexts),
      article,
      start,
      end,
      paragraph,
      sentence,
      attribution,
      attributions: this.attributions.columns(),
      words: this.words.build(),
    });
  }
}

/** Columns of consecutive runs of articles, as one table. */
export function mergeColumns(parts: readonly PassageColumns[]): PassageColumns {
  if (parts.length === 1) return parts[0]!;
  const attributions = new AttributionList();
  const length = parts.reduce((n, part) => n + part.article.length, 0);
  const merged: Omit<PassageColumns, "attributions"> = {
    articleIds: parts.flatMap((part) => part.articleIds),
    texts: mergeArticleTexts(parts.map((part) => part.texts)),
    article: new Uint32Array(length),
    start: new Uint32Array(length),
    end: new Uint32Array(length),
    paragraph: new Uint32Array(length),
    sentence: new Uint32Array(length),
    attribution: new Uint32Array(length),
    words: mergeWords(parts.map((part) => part.words)),
  };
  let at = 0;
  let articles = 0;
  for (const part of parts) {
    const globalAttribution = Array.from({ length: attributionCount(part.attributions) }, (_, id) =>
      attributions.idOf(attributionOf(part.attributions, id)),
    );
    merged.start.set(part.start, at);
    merged.end.set(part.end, at);
    merged.paragraph.set(part.paragraph, at);
    merged.sentence.set(part.sentence, at);
    for (let i = 0; i < part.article.length; i++) {
      merged.article[at + i] = part.article[i]! + articles;
      merged.attribution[at + i] = globalAttribution[part.attribution[i]!]!;
    }
    at += part.article.length;
    articles += part.articleIds.length;
  }
  return { ...merged, attributions: attributions.columns() };
}
