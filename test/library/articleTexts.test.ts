import { describe, expect, it } from "vitest";
import { ArticleTexts, articleTextColumns, checkArticleTexts, mergeArticleTexts } from "../../src/library/articleTexts.js";

const texts = [
  "The convoy left at dawn, officials said.",
  "“We will not leave,” she said — in Aleppo’s east. 🚑 Évacuation.",
  "",
  "Short.",
  "x".repeat(5_000),
];

const decoded = (columns: ReturnType<typeof articleTextColumns>) => {
  const read = new ArticleTexts(columns);
  return texts.map((_, a) => read.textOf(a));
};

describe("article texts", () => {
  it("GIVEN texts with curly quotes, accents, an emoji and an empty one THEN each decodes exactly, its length known without decoding", () => {
    const columns = articleTextColumns(texts);
    expect(columns.blocks).toHaveLength(1);
    expect(decoded(columns)).toEqual(texts);
    const read = new ArticleTexts(columns);
    expect(texts.map((_, a) => read.lengthOf(a))).toEqual(texts.map((t) => t.length));
    // More articles read than are kept decoded: still each its own.
    for (let round = 0; round < 3; round++) for (let a = 0; a < texts.length; a++) expect(read.textOf(a)).toBe(texts[a]);
  });

  it("GIVEN ranges of an ASCII article and of one that is not THEN a range read alone is the whole text's slice", () => {
    for (const blockBytes of [undefined, 64]) {
      const read = new ArticleTexts(articleTextColumns(texts, blockBytes));
      for (const a of [0, 1, 4]) {
        const text = texts[a]!;
        for (const [from, to] of [
          [0, text.length],
          [4, 11],
          [text.length - 1, text.length],
          [3, 3],
          [5, 2],
          [0, text.length + 5],
        ] as const)
          expect(new ArticleTexts(read.columns).sliceOf(a, from, to)).toBe(text.slice(from, to));
        expect(read.sliceOf(a, 1, 9)).toBe(text.slice(1, 9));
      }
    }
  });

  it("GIVEN a block size smaller than the texts THEN they are spread over blocks, and read the same", () => {
    const columns = articleTextColumns(texts, 64);
    expect(columns.blocks.length).toBeGreaterThan(2);
    expect(Math.max(...columns.blocks.slice(0, -1).map((b) => b.length))).toBeLessThanOrEqual(5_000);
    expect(decoded(columns)).toEqual(texts);
    checkArticleTexts(columns, texts.length);
  });

  it("GIVEN runs of articles built apart THEN merged they read as the texts in order", () => {
    const merged = mergeArticleTexts([
      articleTextColumns(texts.slice(0, 2)),
      articleTextColumns(texts.slice(2, 3)),
      articleTextColumns(texts.slice(3), 10),
    ]);
    expect(decoded(merged)).toEqual(texts);
    checkArticleTexts(merged, texts.length);
  });

  it("GIVEN columns that do not fit together THEN the check refuses them, and a text that does not decode to its length is refused when read", () => {
    const columns = () => articleTextColumns(texts, 64);
    expect(() => checkArticleTexts(columns(), texts.length + 1)).toThrow(/differ/);
    const outside = columns();
    outside.end[1] = outside.blocks[outside.block[1]!]!.length + 1;
    expect(() => checkArticleTexts(outside, texts.length)).toThrow(/article 1/);
    const noBlock = columns();
    noBlock.block[2] = 99;
    expect(() => checkArticleTexts(noBlock, texts.length)).toThrow(/article 2/);
    const tooLong = columns();
    tooLong.length[0] = 10_000;
    expect(() => checkArticleTexts(tooLong, texts.length)).toThrow(/article 0/);
    const wrongLength = columns();
    wrongLength.length[1]! -= 1;
    expect(() => new ArticleTexts(wrongLength).textOf(1)).toThrow(/does not decode/);
    expect(() => checkArticleTexts({ blocks: "no" } as never, 1)).toThrow(/missing/);
  });
});
