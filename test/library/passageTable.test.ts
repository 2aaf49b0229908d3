import { describe, expect, it } from "vitest";
import { suggestIds } from "../../src/answer/suggest.js";
import { PassageTable } from "../../src/library/passageTable.js";
import { passagesOf } from "../../src/passages/split.js";
import { libraryOf } from "../support/corpus.js";

const texts = {
  mill: 'The mill closed in May. "We had no choice," the owner said.\n\nWorkers protested outside.',
  empty: "   ",
  dam: "The dam held through the night, the water board said. Engineers checked it at dawn.",
};

describe("the passage table", () => {
  const library = libraryOf(texts);

  it("GIVEN articles THEN each passage comes back as the splitter cut it, text verbatim and positions per article", () => {
    const expected = Object.entries(texts).flatMap(([id, text]) => passagesOf({ id, text }));
    expect([...library.passages].map(({ attribution, ...p }) => p)).toEqual(expected);
    for (const p of library.passages) expect(texts[p.articleId as keyof typeof texts].slice(p.start, p.end)).toBe(p.text);
    // The text alone, as the build reads every passage's, is the passage's.
    for (const [i, p] of [...library.passages].entries()) expect(library.passages.textAt(i)).toBe(p.text);
    expect(library.passages.at(-1)).toBeUndefined();
    expect(library.passages.at(library.passages.length)).toBeUndefined();
  });

  it("GIVEN an article with no passages THEN its range is empty and its neighbours' ranges are right", () => {
    expect(library.passages.rangeOf(1)).toEqual({ start: 3, end: 3 });
    expect(library.passages.slice(3, 5).map((p) => p.articleId)).toEqual(["dam", "dam"]);
    expect(library.passages.sameArticle(2, 3)).toBe(false);
  });

  it("GIVEN columns that do not fit together THEN loading them is refused", () => {
    const columns = library.passages.columns;
    expect(() => PassageTable.fromColumns({ ...columns, end: columns.end.map((e, i) => (i === 0 ? 10_000 : e)) })).toThrow(/does not fit/);
    expect(() => PassageTable.fromColumns({ ...columns, start: columns.start.slice(1) })).toThrow(/differ in length/);
    expect(() => PassageTable.fromColumns({ ...columns, attribution: columns.attribution.map(() => 99) })).toThrow(/does not fit/);
    expect(PassageTable.fromColumns(columns).at(1)).toEqual(library.passages.at(1));
  });
});

describe("id suggestions", () => {
  const library = libraryOf(texts);

  it("GIVEN part of an id, a title or a passage's words THEN it suggests articles first, then passages", () => {
    expect(suggestIds(library, "", 10).map((s) => s.id)).toEqual(["mill", "empty", "dam"]);
    expect(suggestIds(library, "mill:1", 10).map((s) => s.id)).toEqual(["mill:1.1", "mill:1.2"]);
    expect(suggestIds(library, "mil", 10).map((s) => s.id)).toEqual(["mill"]);
    const byWords = suggestIds(library, "water board", 10);
    expect(byWords).toEqual([
      { id: "dam:1.1", kind: "passage", label: "water board: The dam held through the night, the water board said." },
    ]);
    expect(suggestIds(library, "nothing like it", 10)).toEqual([]);
    expect(suggestIds(library, "", 2)).toHaveLength(2);
  });
});
