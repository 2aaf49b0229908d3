import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { discordCommands } from "../src/commandKit/command.js";
import { usageOf } from "../src/commandKit/usage.js";

const readme = readFileSync("README.md", "utf8");

/** The first cells of the first table after `after`: the commands it lists. */
function tableCommands(after: string): string[] {
  const start = readme.indexOf(after);
  expect(start, `README has "${after}"`).toBeGreaterThanOrEqual(0);
  const lines = readme.slice(start).split("\n");
  const header = lines.findIndex((l) => l.startsWith("|"));
  const end = lines.findIndex((l, i) => i > header && !l.startsWith("|"));
  return lines.slice(header + 2, end).map((row) => row.match(/^\| `([^`]+)`/)?.[1] ?? row);
}

describe("the README's command tables are the commands' own definitions", () => {
  it("GIVEN the slash commands THEN the README lists each as Discord writes it, and nothing else", () => {
    expect(tableCommands("The commands:")).toEqual([...discordCommands(commands).values()].flatMap((c) => usageOf(c, "discord")));
  });

  it("GIVEN the command line THEN the README lists each command as the CLI's help writes it, and nothing else", () => {
    expect(tableCommands("## The command line").sort()).toEqual([...commands.values()].flatMap((c) => usageOf(c, "cli")).sort());
  });
});
