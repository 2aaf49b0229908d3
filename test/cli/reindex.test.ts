import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess, tempDataDir } from "../support/cli.js";
import { metadataJson, SEED_CORPUS, tempCorpus } from "../support/corpus.js";

let dataDir: string;
const seed = () => ({ corpusDir: SEED_CORPUS, dataDir });

beforeAll(async () => {
  dataDir = await tempDataDir();
});

describe("the command line: reindexing and what it warns of", () => {
  it("GIVEN reindex THEN it reports articles, passages and time; stats agrees", async () => {
    const report = JSON.parse((await runCliInProcess(["reindex", "--json"], seed())).stdout);
    expect(report).toMatchObject({ ok: true, articles: 2, passages: expect.any(Number), milliseconds: expect.any(Number) });
    expect(JSON.parse((await runCliInProcess(["stats", "--json"], seed())).stdout)).toMatchObject({
      articles: 2,
      passages: report.passages,
    });
  });

  it("GIVEN an invalid corpus THEN reindex exits non-zero naming the file, and the saved index still answers", async () => {
    const corpusDir = await tempCorpus({
      "river.txt": "The river rose two metres overnight, the mayor said.",
      "river.json": metadataJson(),
    });
    const ownData = await tempDataDir();
    expect((await runCliInProcess(["reindex"], { corpusDir, dataDir: ownData })).status).toBe(0);
    await writeFile(path.join(corpusDir, "broken.json"), metadataJson({ url: "not a url" }));
    await writeFile(path.join(corpusDir, "broken.txt"), "Some text.");
    const failed = await runCliInProcess(["reindex", "--json"], { corpusDir, dataDir: ownData });
    expect(failed.status).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ ok: false, problems: [{ file: "broken.json" }] });
    expect(failed.stderr).toMatch(/^Reindex failed; still answering from the previous index\.\n- broken\.json: invalid metadata/m);
    const after = await runCliInProcess(["sentences", "--json"], { corpusDir, dataDir: ownData });
    expect(
      after.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).text),
    ).toEqual(["The river rose two metres overnight, the mayor said."]);
    expect(after.stderr).toMatch(/the corpus cannot be indexed, so the index saved at .* serves until it is fixed/);
  });

  it("GIVEN DATA_DIR cannot be written THEN ask answers from memory with one warning, and reindex exits 1 saying so, never a stack", async () => {
    const corpusDir = await tempCorpus({
      "river.txt": "The river rose two metres overnight, the mayor said.",
      "river.json": metadataJson(),
    });
    const dataDir = path.join(corpusDir, "river.txt", "data");
    const asked = await runCliInProcess(["ask", "How much did the river rise?"], { corpusDir, dataDir });
    expect(asked.status).toBe(0);
    expect(asked.stdout).toContain("> The river rose two metres overnight");
    expect(asked.stderr).toMatch(/^warning: the index could not be saved as .* \(ENOTDIR\): it serves from memory/);
    const reindexed = await runCliInProcess(["reindex"], { corpusDir, dataDir });
    expect(reindexed.status).toBe(1);
    expect(reindexed.stdout).toMatch(/Reindexed 1 articles, 1 passages in \d+ ms, but the index could not be saved\./);
    for (const run of [asked, reindexed]) expect(run.stderr + run.stdout).not.toMatch(/\n\s+at /);
  });

  it("GIVEN many articles without metadata THEN one warning line sums them up", async () => {
    const files = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`bare${String(i).padStart(2, "0")}.txt`, `Report ${i} about the canal.`]),
    );
    const run = await runCliInProcess(["stats"], { corpusDir: await tempCorpus(files), dataDir: await tempDataDir() });
    expect(run.stderr.trim().split("\n")).toEqual([
      "warning: 50 articles have no metadata file, so their titles come from their first sentences: bare00.txt, bare01.txt, bare02.txt and 47 more",
    ]);
  });

  it("GIVEN reindex with its standard error piped THEN no progress lines, only the result", async () => {
    const run = await runCliInProcess(["reindex"], { corpusDir: SEED_CORPUS, dataDir: await tempDataDir() });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(
      /^Reindexed 2 articles, \d+ passages in \d+ ms\.\nChanges since the last index: 2 added \(.*\); passages 0 → \d+\.\n$/,
    );
  });

  it("GIVEN a byte-order mark and characters beyond the BMP THEN start and end count UTF-16 code units of the decoded text, the mark included", async () => {
    const text = "\ufeffThe flood 🌊 rose past the mill. It fell by dawn, the keeper said.";
    const corpusDir = await tempCorpus({ "flood.txt": text });
    const lines = (await runCliInProcess(["sentences", "--json"], { corpusDir, dataDir: await tempDataDir() })).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const decoded = (await readFile(path.join(corpusDir, "flood.txt"))).toString("utf8");
    expect(decoded.charCodeAt(0)).toBe(0xfeff);
    expect(lines.map((p) => [p.start, p.end])).toEqual([
      [1, 1 + "The flood 🌊 rose past the mill.".length],
      [text.indexOf("It fell"), text.length],
    ]);
    // "🌊" is two UTF-16 code units: the second sentence starts one later than a count of code points says.
    expect([...text.slice(0, lines[1].start)].length).toBe(lines[1].start - 1);
    for (const p of lines) expect(decoded.slice(p.start, p.end)).toBe(p.text);
  });
});
