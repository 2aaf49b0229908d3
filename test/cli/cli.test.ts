import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, runCliInProcess, tempDataDir } from "../support/cli.js";
import { SEED_CORPUS } from "../support/corpus.js";

let dataDir: string;
const seed = () => ({ corpusDir: SEED_CORPUS, dataDir });

beforeAll(async () => {
  dataDir = await tempDataDir();
});

describe("the command line: asking and looking up", () => {
  it("GIVEN ask --json THEN one JSON object with the contract's fields, every text verbatim from its article", async () => {
    const run = await runCliInProcess(["ask", "Who brokered the evacuation deal?", "--json", "--limit", "3"], seed());
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

  it("GIVEN ask --json and questions on standard input THEN one JSON line per question, in order", async () => {
    const run = await runCliInProcess(["ask", "--json"], { ...seed(), input: "Who brokered the deal?\n\nWhat is the capital of Peru?\n" });
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(["Who brokered the deal?", "What is the capital of Peru?"]);
    expect(lines[1].answered).toBe(false);
  });

  it("GIVEN ask without --json THEN a readable answer with the quote, its source and passage id", async () => {
    const run = await runCliInProcess(["ask", "What did Lavrov expect?"], seed());
    expect(run.stdout).toContain("Sergey Lavrov");
    expect(run.stdout).toMatch(/Passage id: 000_90a7ceb65c3b6153:\d+\.\d+/);
    expect(run.stdout).toContain("https://ummid.com/");
  });

  it("GIVEN sentences --json THEN every passage with id, article, text, speaker and offsets", async () => {
    const lines = (await runCliInProcess(["sentences", "--json"], seed())).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(40);
    const text = await readFile(path.join(SEED_CORPUS, "003_998c32d5a799b7d3.txt"), "utf8");
    for (const p of lines.filter((l) => l.article === "003_998c32d5a799b7d3")) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it("GIVEN source with a passage id, an article id and a wrong id THEN the passage, the card, and suggestions", async () => {
    const passage = JSON.parse((await runCliInProcess(["source", "003_998c32d5a799b7d3:5.2", "--json"], seed())).stdout);
    expect(passage).toMatchObject({ kind: "passage", passage: { text: "Road blocks went up and a bus convoy was forced to turn back." } });
    const article = JSON.parse((await runCliInProcess(["source", "003_998c32d5a799b7d3", "--json"], seed())).stdout);
    expect(article).toMatchObject({ kind: "article", article: { publisher: "The New Zealand Herald" } });
    const missing = await runCliInProcess(["source", "003_998c32d5a799b7d:5.2"], seed());
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/Did you mean one of these\?(\n .*){0,2}\n\s+003_998c32d5a799b7d3:5\.2 /);
    const json = JSON.parse((await runCliInProcess(["source", "003_998c32d5a799b7d:5.2", "--json"], seed())).stdout);
    expect(json).toMatchObject({ kind: "notice", tone: "info", text: expect.stringMatching(/^Nothing has the id/) });
    expect(json.suggestions.map((s: { id: string }) => s.id)).toContain("003_998c32d5a799b7d3:5.2");
  });

  it("GIVEN bad arguments THEN a usage message, exit 2, no stack trace", () => {
    // What the command line reads is checked in args.test.ts; here, how a mistake leaves the process,
    // once for a line that cannot be read and once for options the command refuses.
    for (const args of [["ask", "x", "--limit", "0"], ["frobnicate"]]) {
      const run = runCli(args, seed());
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^citebot: .+\n\nUsage:/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("GIVEN the commands the bot offers THEN the command line runs each through the same dispatch: the same limits, the same words", async () => {
    const long = await runCliInProcess(["ask", "x".repeat(301)], seed());
    expect(long.status).toBe(2);
    expect(long.stderr).toMatch(/^citebot: Questions can be at most 300 characters\.\n\nUsage:/);
    const help = await runCliInProcess(["help"], seed());
    for (const usage of [
      "ask <question> [--limit <limit>]",
      "source <id>",
      "reindex",
      "corpus add [<file>]",
      "corpus list [<page>]",
      "stats",
      "sentences",
    ])
      expect(help.stdout).toContain(`  ${usage}`);
    expect(help.stdout).not.toContain("--private");
    const noQuestion = await runCliInProcess(["ask"], seed());
    expect(noQuestion.stderr).toMatch(/^citebot: ask needs its question option: ask <question>\./);
  });

  it("GIVEN source --json and ids on standard input THEN one reply a line, a wrong id as a notice naming it", async () => {
    const run = await runCliInProcess(["source", "--json"], { ...seed(), input: "003_998c32d5a799b7d3:5.2\nno-such-id\n" });
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: "passage", passage: { id: "003_998c32d5a799b7d3:5.2" } });
    expect(lines[1]).toMatchObject({ id: "no-such-id", kind: "notice", tone: "info" });
  });
});
