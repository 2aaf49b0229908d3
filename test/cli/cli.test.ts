import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../support/cli.js";
import { metadataJson, SEED_CORPUS, tempCorpus } from "../support/corpus.js";

let dataDir: string;
const seed = () => ({ corpusDir: SEED_CORPUS, dataDir });

beforeAll(async () => {
  dataDir = await tempDataDir();
});

describe("citebot CLI", () => {
  it("GIVEN ask --json THEN one JSON object with the contract's fields, every text verbatim from its article", async () => {
    const run = runCli(["ask", "Who brokered the evacuation deal?", "--json", "--limit", "3"], seed());
    expect(run.status).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer).toMatchObject({ question: "Who brokered the evacuation deal?", answered: expect.any(Boolean) });
    expect(answer.passages.length).toBeGreaterThan(0);
    expect(answer.passages.length).toBeLessThanOrEqual(3);
    for (const p of answer.passages) {
      expect(Object.keys(p)).toEqual(expect.arrayContaining(["id", "article", "text", "speaker", "score"]));
      const source = await readFile(path.join(SEED_CORPUS, `${p.article}.txt`), "utf8");
      expect(source.slice(p.start, p.end)).toBe(p.text);
    }
  });

  it("GIVEN ask --json and questions on standard input THEN one JSON line per question, in order", () => {
    const run = runCli(["ask", "--json"], { ...seed(), input: "Who brokered the deal?\n\nWhat is the capital of Peru?\n" });
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(["Who brokered the deal?", "What is the capital of Peru?"]);
    expect(lines[1].answered).toBe(false);
  });

  it("GIVEN ask without --json THEN a readable answer with the quote, its source and passage id", () => {
    const run = runCli(["ask", "What did Lavrov expect?"], seed());
    expect(run.stdout).toContain("Sergey Lavrov");
    expect(run.stdout).toMatch(/Passage id: 000_90a7ceb65c3b6153:\d+\.\d+/);
    expect(run.stdout).toContain("https://ummid.com/");
  });

  it("GIVEN sentences --json THEN every passage with id, article, text, speaker and offsets", async () => {
    const lines = runCli(["sentences", "--json"], seed())
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(40);
    const text = await readFile(path.join(SEED_CORPUS, "003_998c32d5a799b7d3.txt"), "utf8");
    for (const p of lines.filter((l) => l.article === "003_998c32d5a799b7d3")) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it("GIVEN source with a passage id, an article id and a wrong id THEN the passage, the card, and suggestions", () => {
    const passage = JSON.parse(runCli(["source", "003_998c32d5a799b7d3:5.2", "--json"], seed()).stdout);
    expect(passage).toMatchObject({ kind: "passage", passage: { text: "Road blocks went up and a bus convoy was forced to turn back." } });
    const article = JSON.parse(runCli(["source", "003_998c32d5a799b7d3", "--json"], seed()).stdout);
    expect(article).toMatchObject({ kind: "article", article: { publisher: "The New Zealand Herald" } });
    const missing = runCli(["source", "003_998c32d5a799b7d:5.2"], seed());
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/Did you mean one of these\?(\n .*){0,2}\n\s+003_998c32d5a799b7d3:5\.2 /);
    const json = JSON.parse(runCli(["source", "003_998c32d5a799b7d:5.2", "--json"], seed()).stdout);
    expect(json).toMatchObject({ kind: "notice", tone: "info", text: expect.stringMatching(/^Nothing has the id/) });
    expect(json.suggestions.map((s: { id: string }) => s.id)).toContain("003_998c32d5a799b7d3:5.2");
  });

  it("GIVEN bad arguments THEN a usage message, exit 2, no stack trace", () => {
    for (const args of [["ask"], ["ask", "x", "--limit", "0"], ["frobnicate"], ["source"], ["stats", "--bogus"]]) {
      const run = runCli(args, seed());
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^citebot: .+\n\nUsage:/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("GIVEN reindex THEN it reports articles, passages and time; stats agrees", () => {
    const report = JSON.parse(runCli(["reindex", "--json"], seed()).stdout);
    expect(report).toMatchObject({ ok: true, articles: 2, passages: expect.any(Number), milliseconds: expect.any(Number) });
    expect(JSON.parse(runCli(["stats", "--json"], seed()).stdout)).toMatchObject({ articles: 2, passages: report.passages });
  });

  it("GIVEN an invalid corpus THEN reindex exits non-zero naming the file, and the saved index still answers", async () => {
    const corpusDir = await tempCorpus({
      "river.txt": "The river rose two metres overnight, the mayor said.",
      "river.json": metadataJson(),
    });
    const ownData = await tempDataDir();
    expect(runCli(["reindex"], { corpusDir, dataDir: ownData }).status).toBe(0);
    await writeFile(path.join(corpusDir, "broken.json"), metadataJson({ url: "not a url" }));
    await writeFile(path.join(corpusDir, "broken.txt"), "Some text.");
    const failed = runCli(["reindex", "--json"], { corpusDir, dataDir: ownData });
    expect(failed.status).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ ok: false, problems: [{ file: "broken.json" }] });
    expect(failed.stderr).toMatch(/^Reindex failed; still answering from the previous index\.\n- broken\.json: invalid metadata/m);
    const after = runCli(["sentences", "--json"], { corpusDir, dataDir: ownData });
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
    const asked = runCli(["ask", "How much did the river rise?"], { corpusDir, dataDir });
    expect(asked.status).toBe(0);
    expect(asked.stdout).toContain("> The river rose two metres overnight");
    expect(asked.stderr).toMatch(/^warning: the index could not be saved as .* \(ENOTDIR\): it serves from memory/);
    const reindexed = runCli(["reindex"], { corpusDir, dataDir });
    expect(reindexed.status).toBe(1);
    expect(reindexed.stdout).toMatch(/Reindexed 1 articles, 1 passages in \d+ ms, but the index could not be saved\./);
    for (const run of [asked, reindexed]) expect(run.stderr + run.stdout).not.toMatch(/\n\s+at /);
  });

  it("GIVEN many articles without metadata THEN one warning line sums them up", async () => {
    const files = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`bare${String(i).padStart(2, "0")}.txt`, `Report ${i} about the canal.`]),
    );
    const run = runCli(["stats"], { corpusDir: await tempCorpus(files), dataDir: await tempDataDir() });
    expect(run.stderr.trim().split("\n")).toEqual([
      "warning: 50 articles have no metadata file, so their titles come from their first sentences: bare00.txt, bare01.txt, bare02.txt and 47 more",
    ]);
  });

  it("GIVEN reindex with its standard error piped THEN no progress lines, only the result", async () => {
    const run = runCli(["reindex"], { corpusDir: SEED_CORPUS, dataDir: await tempDataDir() });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(
      /^Reindexed 2 articles, \d+ passages in \d+ ms\.\nChanges since the last index: 2 added \(.*\); passages 0 → \d+\.\n$/,
    );
  });

  it("GIVEN a byte-order mark and characters beyond the BMP THEN start and end count UTF-16 code units of the decoded text, the mark included", async () => {
    const text = "\ufeffThe flood 🌊 rose past the mill. It fell by dawn, the keeper said.";
    const corpusDir = await tempCorpus({ "flood.txt": text });
    const lines = runCli(["sentences", "--json"], { corpusDir, dataDir: await tempDataDir() })
      .stdout.trim()
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

  it("GIVEN the commands the bot offers THEN the command line runs each through the same dispatch: the same limits, the same words", () => {
    const long = runCli(["ask", "x".repeat(301)], seed());
    expect(long.status).toBe(2);
    expect(long.stderr).toMatch(/^citebot: Questions can be at most 300 characters\.\n\nUsage:/);
    const help = runCli(["help"], seed());
    for (const usage of [
      "ask <question> [--limit <limit>]",
      "source <id>",
      "reindex",
      "corpus add <file>",
      "corpus list [<page>]",
      "stats",
      "sentences",
    ])
      expect(help.stdout).toContain(`  ${usage}`);
    expect(help.stdout).not.toContain("--private");
    const noQuestion = runCli(["ask"], seed());
    expect(noQuestion.stderr).toMatch(/^citebot: ask needs its question option: ask <question>\./);
  });

  it("GIVEN corpus add and remove on the command line THEN the article is checked, added and indexed, then removed to the trash", async () => {
    const corpusDir = await tempCorpus({
      "river.txt": "The river rose two metres overnight, the mayor said.",
      "river.json": metadataJson(),
    });
    const dataDir = await tempDataDir();
    const story = path.join(await tempDataDir(), "ferry.txt");
    await writeFile(story, "The ferry resumed on Friday, the port authority said.");
    const added = runCli(["corpus", "add", story, "--json"], { corpusDir, dataDir });
    expect(added.status).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ ok: true, action: "added", id: "ferry", report: { articles: 2 } });
    expect(runCli(["ask", "When did the ferry resume?"], { corpusDir, dataDir }).stdout).toContain("> The ferry resumed on Friday");
    const listed = runCli(["corpus", "list", "--json"], { corpusDir, dataDir });
    expect(
      JSON.parse(listed.stdout)
        .articles.map((a: { id: string }) => a.id)
        .sort(),
    ).toEqual(["ferry", "river"]);
    const again = runCli(["corpus", "add", story], { corpusDir, dataDir });
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/There is already an article with the id ferry\. corpus add <file> --replace overwrites it\./);
    const removed = runCli(["corpus", "remove", "ferry"], { corpusDir, dataDir });
    expect(removed.status).toBe(0);
    expect(removed.stdout).toMatch(/^Article ferry removed\./);
    expect(runCli(["corpus", "bogus"], { corpusDir, dataDir }).stderr).toMatch(/^citebot: corpus needs one of: add, remove, list\n/);
  });

  it("GIVEN source --json and ids on standard input THEN one reply a line, a wrong id as a notice naming it", () => {
    const run = runCli(["source", "--json"], { ...seed(), input: "003_998c32d5a799b7d3:5.2\nno-such-id\n" });
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: "passage", passage: { id: "003_998c32d5a799b7d3:5.2" } });
    expect(lines[1]).toMatchObject({ id: "no-such-id", kind: "notice", tone: "info" });
  });

  it("GIVEN --server <id> THEN corpus and reindex change that server's own articles, and ask searches them besides the shared ones", async () => {
    const corpusDir = await tempCorpus({
      "river.txt": "The river rose two metres overnight, the mayor said.",
      "river.json": metadataJson(),
    });
    const dataDir = await tempDataDir();
    const story = path.join(await tempDataDir(), "ferry.txt");
    await writeFile(story, "The ferry resumed on Friday, the port authority said.");
    const server = "444444444444444444";
    const added = runCli(["corpus", "add", story, "--server", server], { corpusDir, dataDir });
    expect(added.stdout).toMatch(/^Article ferry added\./);
    expect(await readdir(corpusDir)).toEqual(["river.json", "river.txt"]);
    const inServer = runCli(["ask", "When did the ferry resume?", "--server", server, "--json"], { corpusDir, dataDir });
    expect(JSON.parse(inServer.stdout).articles.ferry).toMatchObject({ fromServer: true });
    const shared = runCli(["ask", "When did the ferry resume?", "--json"], { corpusDir, dataDir });
    expect(JSON.parse(shared.stdout).passages.map((p: { article: string }) => p.article)).not.toContain("ferry");
    expect(runCli(["corpus", "list", `--server=${server}`], { corpusDir, dataDir }).stdout).toMatch(
      /^This server's own articles: 1 article:/,
    );
    const bad = runCli(["ask", "When?", "--server", "abc"], { corpusDir, dataDir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^citebot: --server needs a server's id \(17 to 20 digits\)\n/);
  });
});
