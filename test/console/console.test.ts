import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Citebot } from "../../src/app/citebot.js";
import { Engine } from "../../src/answer/engine.js";
import { parseLine, runConsole } from "../../src/console/console.js";
import { libraryOf } from "../support/corpus.js";

const engine = new Engine(libraryOf({ port: "The ferry to Larnaca resumed on Friday, the port authority said." }), "now", "test");
const app = new Citebot(engine, { corpusDir: "/nonexistent", dataDir: "/nonexistent" });

async function session(input: string): Promise<string> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on("data", (c) => chunks.push(String(c)));
  await runConsole(app, commands, { input: Readable.from([input]), output }, () => {});
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

  it("GIVEN a failed reindex THEN it says so and keeps answering", async () => {
    const out = await session("/reindex\n/ask ferry\n");
    expect(out).toMatch(/Reindex failed; still answering from the previous index/);
    expect(out).toContain("ferry to Larnaca");
  });

  it("GIVEN a line THEN it maps to the command's first required option", () => {
    expect(parseLine("/source a:1.1", commands)).toEqual({ name: "source", options: { id: "a:1.1" } });
    expect(parseLine("what happened", commands)).toEqual({ name: "ask", options: { question: "what happened" } });
  });
});
