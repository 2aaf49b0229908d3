import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Engine } from "../../src/answer/engine.js";
import { Citebot } from "../../src/app/citebot.js";
import { CONSOLE_CALLER } from "../../src/commandKit/caller.js";
import { defineCommand, defineCommandGroup, type SlashCommand } from "../../src/commandKit/command.js";
import { dispatch } from "../../src/commandKit/dispatch.js";
import { flag, text, wholeNumber } from "../../src/commandKit/options.js";
import { notice, type Reply } from "../../src/commandKit/reply.js";
import { libraryOf } from "../support/corpus.js";

const app = new Citebot(
  new Engine(
    libraryOf({ a: "The ferry resumed on Friday, the port said. The ferry was late on Saturday. The ferry resumed its night runs." }),
    "now",
    "t",
  ),
  {
    corpusDir: "/none",
    dataDir: "/none",
  },
);
const member = { id: "7", guildId: "1", roleIds: [], canManageGuild: false };
const said = (reply: Reply) => (reply.kind === "notice" ? reply.text.join("") : reply.kind);

// A command of our own: what Discord is told and what the handler is given both come from its options.
let given: unknown;
const echo = defineCommand({
  name: "echo",
  description: "Echo",
  help: "Echoes.",
  options: {
    words: text({ description: "What to say", required: true, min: 2, max: 10 }),
    times: wholeNumber({ description: "How often", min: 1, max: 3 }),
    loud: flag({ description: "Shout", localOnly: true }),
  },
  run(options) {
    given = options;
    return notice("info", options.words);
  },
});
const registry = new Map([["echo", echo as SlashCommand<never>]]);

describe("an option written once: Discord's definition, the schema and the handler's type", () => {
  it("GIVEN text, a whole number and a local-only flag THEN Discord is told the lengths and range, and never of the local flag", () => {
    expect(echo.definition).toEqual({
      name: "echo",
      description: "Echo",
      integration_types: [0, 1],
      contexts: [0, 1, 2],
      options: [
        { type: 3, name: "words", description: "What to say", required: true, min_length: 2, max_length: 10 },
        { type: 4, name: "times", description: "How often", min_value: 1, max_value: 3 },
      ],
    });
    expect(echo.parameters.map((p) => [p.name, p.required, p.localOnly])).toEqual([
      ["words", true, false],
      ["times", false, false],
      ["loud", false, true],
    ]);
  });

  it("GIVEN values outside what Discord was told THEN the schema refuses them with a sentence naming the option", async () => {
    const run = (raw: Record<string, string | number | boolean>) => dispatch(registry, "echo", raw, { app, caller: member });
    expect(said(await run({ words: "x" }))).toBe("The words needs at least 2 characters.");
    expect(said(await run({ words: "far too many words" }))).toBe("The words can be at most 10 characters.");
    expect(said(await run({ words: "hi", times: 4 }))).toBe("The times must be a whole number from 1 to 3.");
    expect(said(await run({ words: "  hi  ", times: 2 }))).toBe("hi");
    expect(given).toEqual({ words: "hi", times: 2 });
  });

  it("GIVEN a local-only option sent from Discord (a crafted interaction) THEN it is dropped; the console may give it", async () => {
    await dispatch(registry, "echo", { words: "hi", loud: true }, { app, caller: member });
    expect(given).toEqual({ words: "hi" });
    await dispatch(registry, "echo", { words: "hi", loud: true }, { app, caller: CONSOLE_CALLER, syntax: "console" });
    expect(given).toEqual({ words: "hi", loud: true });
    const ask = await dispatch(commands, "ask", { question: "When did the ferry resume?", limit: 1 }, { app, caller: member });
    const local = await dispatch(
      commands,
      "ask",
      { question: "When did the ferry resume?", limit: 1 },
      { app, caller: CONSOLE_CALLER, syntax: "cli" },
    );
    if (ask.kind !== "answer" || local.kind !== "answer") throw new Error("not answers");
    expect(local.answer.passages).toHaveLength(1);
    expect(ask.answer.passages.length).toBeGreaterThan(1);
  });

  it("GIVEN a moderators-only group of subcommands THEN Discord shows it to Manage Server only, and the handler hears which subcommand", async () => {
    const group = defineCommandGroup({
      name: "shelf",
      description: "Moderators: shelves",
      help: "Shelves.",
      moderatorsOnly: { refusal: "Moderators only." },
      subcommands: { put: { description: "Put", options: { item: text({ description: "Item", required: true, max: 5 }) } } },
      run(options) {
        given = options;
        return notice("info", options.item);
      },
    });
    expect(group.definition).toMatchObject({ default_member_permissions: "32", integration_types: [0], contexts: [0] });
    expect(group.definition).not.toHaveProperty("dm_permission");
    expect(group.definition.options).toEqual([
      {
        type: 1,
        name: "put",
        description: "Put",
        options: [{ type: 3, name: "item", description: "Item", required: true, max_length: 5 }],
      },
    ]);
    const moderator = { ...member, canManageGuild: true };
    await dispatch(
      new Map([["shelf", group as SlashCommand<never>]]),
      "shelf",
      { subcommand: "put", item: "jar" },
      { app, caller: moderator },
    );
    expect(given).toEqual({ subcommand: "put", item: "jar" });
  });
});
