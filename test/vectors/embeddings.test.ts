import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { embeddings, streamEmbeddings } from "../../src/vectors/embeddings.js";
import { tempDataDir } from "../support/cli.js";

describe("the English word vectors", () => {
  it("GIVEN the package's JSON read in chunks that cut words and characters THEN every word and vector comes out whole, within a byte's rounding", async () => {
    const entries: [string, number[]][] = [
      ["the", [0.5, -0.25, 1]],
      ["café", [-1, 0.125, 0.75]],
      ["naïve", [0.2, 0.4, -0.6]],
      ['"quoted"', [0.9, 0, -0.1]],
    ];
    const json = `{"dimensions":3,"words":["the","café"],"vectors":{${entries.map(([w, v]) => `${JSON.stringify(w)}:[${v.join(",")},1.2,0]`).join(",")}}}`;
    const file = path.join(await tempDataDir(), "vectors.json");
    await writeFile(file, json);
    for (const chunkBytes of [7, 13, 64, 1 << 20]) {
      const read = streamEmbeddings(file, 10, { dimensions: 3, chunkBytes });
      expect(read.words).toEqual(entries.map(([w]) => w));
      for (const [i, [, v]] of entries.entries()) {
        for (const [d, x] of v.entries()) expect(Math.abs(read.vectors[i * 3 + d]! * read.scales[i]! - x)).toBeLessThan(0.005);
      }
    }
    expect(streamEmbeddings(file, 2, { dimensions: 3, chunkBytes: 16 }).words).toEqual(["the", "café"]);
  });

  it("GIVEN the installed package THEN the table has the common words of English, most frequent first", () => {
    const english = embeddings();
    expect(english).not.toBeNull();
    expect(english!.words.slice(0, 3)).toEqual(["the", ",", "."]);
    expect(english!.words.indexOf("voters")).toBeGreaterThan(english!.words.indexOf("people"));
    expect(english!.vectors.length).toBe(english!.words.length * english!.dimensions);
  });
});
