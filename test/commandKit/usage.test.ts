import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Engine } from "../../src/answer/engine.js";
import { Citebot } from "../../src/app/citebot.js";
import { discordCommands } from "../../src/commandKit/command.js";
import { dispatch } from "../../src/commandKit/dispatch.js";
import { usageOf } from "../../src/commandKit/usage.js";
import { libraryOf } from "../support/corpus.js";

const command = (name: string) => commands.get(name)!;

describe("how to type a command, drawn from its definition", () => {
  it("GIVEN Discord's syntax THEN name:<value> for what is required, [name] for the rest, a line a subcommand", () => {
    expect(usageOf(command("ask"), "discord")).toEqual(["/ask question:<question> [private]"]);
    expect(usageOf(command("corpus"), "discord")).toEqual([
      "/corpus add [file] [title] [publisher] [url] [published] [replace]",
      "/corpus remove id:<id>",
      "/corpus list [page]",
    ]);
  });

  it("GIVEN the console's syntax THEN the first option is the text after the command, the others --name value", () => {
    // The console's and the command line's replies are only ever their user's: they have no use for private.
    expect(usageOf(command("ask"), "console")).toEqual(["/ask <question> [--limit <limit>]"]);
    expect(usageOf(command("ask"), "cli")).toEqual(["ask <question> [--limit <limit>]"]);
    expect(usageOf(command("corpus"), "console")[0]).toBe(
      "/corpus add [<file>] [--title <title>] [--publisher <publisher>] [--url <url>] [--published <published>] [--replace]",
    );
    expect(usageOf(command("corpus"), "console")[2]).toBe("/corpus list [<page>]");
  });

  it("GIVEN /help on Discord THEN every command Discord offers, in its syntax, and not the console's own", async () => {
    const app = new Citebot(new Engine(libraryOf({ a: "The ferry resumed." }), "now", "t"), { corpusDir: "/none", dataDir: "/none" });
    const caller = { id: "1", guildId: "1", roleIds: [], canManageGuild: false };
    const reply = await dispatch(discordCommands(commands), "help", {}, { app, caller });
    if (reply.kind !== "help") throw new Error(`not help: ${reply.kind}`);
    expect(reply.commands.map((c) => c.usage.split(" ")[0])).toEqual(["/ask", "Apps", "/source", "/reindex", "/corpus", "/settings"]);
    expect(reply.commands[1]!.usage).toBe("Apps → Find sources");
    expect(reply.commands[0]).toEqual({ usage: "/ask question:<question> [private]", description: command("ask").help });
  });
});
