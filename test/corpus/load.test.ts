import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CorpusError } from "../../src/corpus/errors.js";
import { loadCorpus } from "../../src/corpus/load.js";
import { metadataJson, SEED_CORPUS, tempCorpus } from "../support/corpus.js";

const SHARED_SEED = path.resolve("../shared/corpus-seed");

async function problemsOf(dir: string) {
  try {
    await loadCorpus(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(CorpusError);
    return (error as CorpusError).problems;
  }
  throw new Error("expected the corpus to be rejected");
}

describe("loadCorpus", () => {
  it("GIVEN the seed corpus THEN loads both articles with their metadata and no warnings", async () => {
    const { articles, warnings } = await loadCorpus(SEED_CORPUS);
    expect(articles.map((a) => a.id)).toEqual(["000_90a7ceb65c3b6153", "003_998c32d5a799b7d3"]);
    expect(articles[1]!.metadata?.wireService).toBe("Reuters");
    expect(articles[0]!.metadata?.published).toBe("2016-12-15");
    expect(warnings).toEqual([]);
  });

  it.skipIf(!existsSync(SHARED_SEED))("GIVEN the seed files THEN the corpus copies are byte for byte the originals", async () => {
    for (const name of ["000_90a7ceb65c3b6153.txt", "003_998c32d5a799b7d3.txt"]) {
      const ours = await readFile(path.join(SEED_CORPUS, name));
      const original = await readFile(path.join(SHARED_SEED, name));
      expect(ours.equals(original)).toBe(true);
    }
  });

  it("GIVEN an article without metadata THEN it loads with a warning", async () => {
    const dir = await tempCorpus({ "bare.txt": "Floods closed the river road on Monday. Crews worked all night.\n" });
    const { articles, warnings } = await loadCorpus(dir);
    expect(articles[0]!.metadata).toBeNull();
    expect(warnings).toEqual([
      expect.objectContaining({ kind: "no-metadata", file: "bare.txt", text: expect.stringMatching(/bare\.txt: no metadata file/) }),
    ]);
  });

  it("GIVEN invalid metadata THEN the error names the file and the field", async () => {
    const dir = await tempCorpus({ "a.txt": "Some text here.", "a.json": metadataJson({ published: "yesterday", url: "ftp://x" }) });
    const problems = await problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe("a.json");
    expect(problems[0]!.problem).toMatch(/published: published must be a date/);
    expect(problems[0]!.problem).toMatch(/url/);
  });

  it("GIVEN metadata that is not JSON THEN the error says so", async () => {
    const problems = await problemsOf(await tempCorpus({ "a.txt": "Some text here.", "a.json": "{ title: " }));
    expect(problems[0]).toMatchObject({ file: "a.json", problem: expect.stringMatching(/not valid JSON/) });
  });

  it("GIVEN a non-UTF-8, an empty and a binary file THEN each is reported, all at once", async () => {
    const dir = await tempCorpus({
      "latin1.txt": Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2e]),
      "empty.txt": "  \n\n",
      "binary.txt": Buffer.from([0x41, 0x00, 0x42]),
      "fine.txt": "Fine text.",
    });
    const problems = await problemsOf(dir);
    expect(problems.map((p) => `${p.file}: ${p.problem}`).sort()).toEqual([
      "binary.txt: looks binary (it contains NUL bytes), not plain text",
      "empty.txt: is empty (no words in it)",
      "latin1.txt: is not UTF-8 text",
    ]);
  });

  it("GIVEN two files whose ids differ only in case THEN it is a duplicate id", async () => {
    const problems = await problemsOf(await tempCorpus({ "Story.txt": "One.", "story.txt": "Two." }));
    expect(problems[0]!.problem).toMatch(/duplicate article id/);
  });

  it("GIVEN a missing folder THEN the error names it", async () => {
    const problems = await problemsOf(path.join(SEED_CORPUS, "no-such-folder"));
    expect(problems[0]!.problem).toMatch(/cannot read the corpus folder/);
  });

  it("GIVEN metadata urls that would break or fake a link THEN they are refused; a good one is stored normalised", async () => {
    for (const url of [
      "https://example.org/x) [Verified](https://evil.example)",
      "https://example.org/a b",
      "https://example.org/<b>",
      "javascript:alert(1)",
    ]) {
      const problems = await problemsOf(await tempCorpus({ "a.txt": "Some text here.", "a.json": metadataJson({ url }) }));
      expect(problems[0]).toMatchObject({
        file: "a.json",
        problem: expect.stringMatching(/url: url must (?:not contain spaces, brackets or angle brackets|be an http\(s\) address)/),
      });
    }
    const { articles } = await loadCorpus(
      await tempCorpus({ "a.txt": "Some text here.", "a.json": metadataJson({ url: "HTTPS://Example.ORG/news/../story?id=1#top" }) }),
    );
    expect(articles[0]!.metadata!.url).toBe("https://example.org/story?id=1#top");
  });

  it("GIVEN a title with a direction override or a control character THEN it is refused, naming the field", async () => {
    const problems = await problemsOf(
      await tempCorpus({ "a.txt": "Some text here.", "a.json": metadataJson({ title: "Minister \u202eresigns" }) }),
    );
    expect(problems[0]!.problem).toMatch(/title: title must not contain control characters or direction overrides/);
  });
});
