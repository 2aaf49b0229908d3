import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { type CliCall, parseArgv } from "../../src/cli/args.js";
import { UsageError } from "../../src/cli/usage.js";

const run = (argv: string[]) => {
  const call = parseArgv(argv, commands);
  if (call.kind !== "run") throw new Error("help");
  return call as Extract<CliCall, { kind: "run" }>;
};
const misuse = (argv: string[]) => {
  try {
    parseArgv(argv, commands);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${argv.join(" ")}`);
};

describe("reading the command line into a command and its options", () => {
  it("GIVEN the bot's commands THEN the console's syntax without the slash: first option after the command, --name value, --name=value", () => {
    expect(run(["ask", "Who brokered the deal?", "--limit", "3", "--json"])).toMatchObject({
      command: { name: "ask" },
      options: { question: "Who brokered the deal?", limit: 3 },
      json: true,
      server: null,
    });
    expect(run(["corpus", "list", "--page=2"]).options).toEqual({ subcommand: "list", page: 2 });
    expect(run(["ask", "--json"]).eachLine?.name).toBe("question");
  });

  it("GIVEN a link where a file goes, or a subcommand typed alone THEN the link is the url, and add is corpus add", () => {
    expect(run(["add", "https://example.org/story", "--title", "Floods"])).toMatchObject({
      command: { name: "corpus" },
      options: { subcommand: "add", url: "https://example.org/story", title: "Floods" },
    });
    expect(run(["corpus", "add", "./story.txt"]).options.file).toMatchObject({ name: "story.txt" });
  });

  it("GIVEN --server anywhere THEN the server's id, taken out of the command's own options; a bad id is a usage error", () => {
    expect(run(["--server", "444444444444444444", "stats"]).server).toBe("444444444444444444");
    expect(run(["corpus", "list", "--server=444444444444444444"])).toMatchObject({
      server: "444444444444444444",
      options: { subcommand: "list" },
    });
    expect(misuse(["ask", "When?", "--server", "abc"])).toBe("--server needs a server's id (17 to 20 digits)");
    expect(misuse(["ask", "When?", "--server"])).toBe("--server needs a server's id (17 to 20 digits)");
  });

  it("GIVEN what no command takes THEN a usage error saying what", () => {
    expect(misuse(["frobnicate"])).toBe('unknown command "frobnicate"');
    expect(misuse(["corpus", "bogus"])).toBe("corpus needs one of: add, remove, list");
    expect(misuse(["stats", "--limit", "3"])).toBe("stats has no option --limit");
    expect(misuse(["ask", "--private", "x"])).toBe("ask has no option --private");
    expect(misuse(["ask", "two", "words"])).toMatch(/^ask takes one question: put it in quotes/);
    expect(misuse(["stats", "extra"])).toBe('stats takes no arguments (got "extra")');
    expect(misuse(["ask", "x", "--limit"])).toBe("--limit needs a value");
  });
});
