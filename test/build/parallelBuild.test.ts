import { describe, expect, it } from "vitest";
import { buildLibraryInParallel } from "../../src/build/parallelBuild.js";
import type { Article } from "../../src/corpus/article.js";
import { buildLibrary } from "../../src/library/build.js";

const article = (id: string, text: string): Article => ({ id, text, file: `${id}.txt`, metadata: null });

const articles = [
  article("a", 'The mill closed in May, the owner said. "We had no choice," he said. "None at all."'),
  article("b", "Workers from the Mill Workers Union protested. The MWU said it would appeal."),
  article("c", "The dam held, the water board said. It was checked at dawn by Engineers Without Borders."),
  article("d", 'Anna Kovacs, a union spokeswoman, told reporters: "We will be back." Kovacs did not say when.'),
];

/** Everything a library holds, typed arrays as plain arrays, to compare; the texts as strings (each thread's are a block of their own). */
const plain = (library: ReturnType<typeof buildLibrary>) => {
  const passages = { ...library.passages.columns, texts: library.articles.map((_, a) => library.passages.articleText(a)) };
  return JSON.parse(
    JSON.stringify({ articles: library.articles, passages, index: library.index.toData() }, (_, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v,
    ),
  );
};

describe("building on several threads", () => {
  it("GIVEN articles split between this thread and helpers THEN the library is exactly the one-pass library", async () => {
    const once = buildLibrary(articles);
    for (const helpers of [1, 3]) {
      const parallel = await buildLibraryInParallel(articles, { helpers });
      expect(plain(parallel)).toEqual(plain(once));
      expect(parallel.index.search(parallel.index.analyze("What did the union say?"), 5)).toEqual(
        once.index.search(once.index.analyze("What did the union say?"), 5),
      );
    }
  });
});
