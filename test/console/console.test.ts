import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Engine } from "../../src/answer/engine.js";
import { Citebot } from "../../src/app/citebot.js";
import { parseLine, runConsole } from "../../src/console/console.js";
import { libraryOf } from "../support/corpus.js";

const engine = new Engine(libraryOf({ port: "The ferry to Larnaca resumed on Friday, the port authority said." }), "now", "test");
const app = new Citebot(engine, { corpusDir: "/nonexistent", dataDir: "/nonexistent" });

async function session(input: string): Promise<string> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on("data", (c) => chunks.push(String(c)));
  await runConsole(app, commands, { input: Readable.from([input]), output }, { onError: () => {} });
  return chunks.join("");
}

describe("the local console", () => {
  it("GIVEN piped commands THEN each is answered in order with the same replies as Discord's, drawn as text", async () => {
    const out = await session("/ask When did the ferry resume?\n/source port:1.1\n/help\n");
    expect(out).toContain("> The ferry to Larnaca resumed on Friday, the port authority said.");
    expect(out).toContain("Said by: port authority");
    expect(out).toContain("Passage port:1.1");
    expect(out).toContain("/reindex");
  });

  it("GIVEN plain text, an unknown command, and a too-short question THEN an answer and two clear messages", async () => {
    const out = await session("ferry Larnaca\n/frobnicate\n/ask a\n");
    expect(out).toContain("ferry to Larnaca");
    expect(out).toContain("There is no /frobnicate command");
    expect(out).toContain("Questions need at least 3 characters.");
  });

  it("GIVEN find-sources and a claim THEN the same check as Find sources on a Discord message, drawn as text", async () => {
    const out = await session(
      "/find-sources The ferry to Larnaca is running again since Friday\n/find-sources The stadium in Lisbon seats ninety thousand\n",
    );
    expect(out).toContain('Checking the claim: "The ferry to Larnaca is running again since Friday"');
    expect(out).toContain("> The ferry to Larnaca resumed on Friday, the port authority said.");
    expect(out).toContain("The articles do not cover this claim.");
  });

  it("GIVEN a failed reindex THEN it says so and keeps answering", async () => {
    const out = await session("/reindex\n/ask ferry\n");
    expect(out).toMatch(/Reindex failed; still answering from the previous index/);
    expect(out).toContain("ferry to Larnaca");
  });

  it("GIVEN a line THEN it maps to the command's first required option", () => {
    expect(parseLine("/source a:1.1", commands)).toEqual({ name: "source", options: { id: "a:1.1" } });
    expect(parseLine("what happened", commands)).toEqual({ name: "ask", options: { question: "what happened" } });
  });

  it("GIVEN a find-sources line, with or without its slash THEN the rest of the line is the claim; other hyphenated words are asked", () => {
    for (const line of ["find-sources Turkey brokered the deal", "/find-sources Turkey brokered the deal"])
      expect(parseLine(line, commands)).toEqual({ name: "find-sources", options: { claim: "Turkey brokered the deal" } });
    expect(parseLine("well-known brokers of the deal?", commands)).toEqual({
      name: "ask",
      options: { question: "well-known brokers of the deal?" },
    });
  });

  it("GIVEN options in the console's syntax THEN they reach the command typed: --flags, numbers, the first option without a name", () => {
    expect(parseLine("/ask What did the port say? --private", commands)).toEqual({
      name: "ask",
      options: { question: "What did the port say?", private: true },
    });
    expect(parseLine("/corpus list --page 3", commands)).toEqual({ name: "corpus", options: { subcommand: "list", page: 3 } });
    expect(parseLine("/corpus list 2", commands)).toEqual({ name: "corpus", options: { subcommand: "list", page: 2 } });
    expect(parseLine("/ask What does --verbose mean", commands)).toEqual({
      name: "ask",
      options: { question: "What does --verbose mean" },
    });
    const add = parseLine("/corpus add ./story.txt --replace --title Floods close the road", commands).options;
    expect(add).toMatchObject({ subcommand: "add", replace: true, title: "Floods close the road", file: { name: "story.txt" } });
  });

  it("GIVEN a hint to type a command THEN the console shows it in its own syntax, not Discord's", async () => {
    const out = await session("/source nope\n/corpus remove nosuch\n/corpus frobnicate\n");
    expect(out).toContain(
      "Nothing has the id nope. Passage ids look like article-id:3.2 (paragraph 3, sentence 2); /ask shows them under each quote.",
    );
    expect(out).toContain("There is no article with the id nosuch. /corpus list shows them.");
    expect(out).toContain("Use /corpus add, /corpus remove, /corpus list.");
    expect(out).not.toMatch(/[`\\]|:True/);
  });

  it("GIVEN a missing or mistyped option THEN a sentence naming it, never a library's wording", async () => {
    const out = await session("/source\n/corpus list --page two\n");
    expect(out).toContain("/source needs its id option: /source <id>.");
    expect(out).toContain("The page option of /corpus list must be a whole number.");
    expect(out).not.toMatch(/Invalid input|expected/);
  });
});
