import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Engine } from "../../src/answer/engine.js";
import { Citebot } from "../../src/app/citebot.js";
import { CONSOLE_CALLER } from "../../src/commandKit/caller.js";
import { type AuditEntry, defineCommand, discordCommands, type SlashCommand } from "../../src/commandKit/command.js";
import { dispatch } from "../../src/commandKit/dispatch.js";
import { notice, type Reply } from "../../src/commandKit/reply.js";
import { libraryOf } from "../support/corpus.js";

// Commands of our own, to see what dispatch enforces from what they declare.
let runs = 0;
const sweep = defineCommand({
  name: "sweep",
  description: "Moderators: sweep",
  help: "Sweeps.",
  moderatorsOnly: { refusal: "Only moderators can sweep." },
  run: () => {
    runs++;
    return notice("info", "Swept.");
  },
});
const ping = defineCommand({
  name: "ping",
  description: "Ping",
  help: "Pongs.",
  cooldown: { notice: "You're pinging quickly" },
  run: () => notice("info", "Pong."),
});
const registry = new Map(([sweep, ping] as SlashCommand<never>[]).map((c) => [c.name, c]));

const app = new Citebot(
  new Engine(libraryOf({ a: "The ferry resumed on Friday." }), "now", "t"),
  { corpusDir: "/none", dataDir: "/none" },
  {
    askCooldownSeconds: 30,
  },
);
const member = { id: "42", guildId: "1", roleIds: [], canManageGuild: false };
const textOf = (reply: Reply) => (reply.kind === "notice" ? String(reply.text[0]) : reply.kind);

describe("dispatch enforces what a command declares", () => {
  it("GIVEN a moderators-only command THEN a member is refused with its words, the refusal audited, the handler never run", async () => {
    const audits: AuditEntry[] = [];
    const reply = await dispatch(registry, "sweep", {}, { app, caller: member, audit: (e) => audits.push(e) });
    expect(textOf(reply)).toBe("Only moderators can sweep.");
    expect(audits).toEqual([{ action: "sweep", result: "refused: not a moderator" }]);
    expect(runs).toBe(0);
    expect(textOf(await dispatch(registry, "sweep", {}, { app, caller: { ...member, canManageGuild: true } }))).toBe("Swept.");
    expect(runs).toBe(1);
  });

  it("GIVEN a command with a cooldown THEN a caller back too soon waits, unless unthrottled (the console's user)", async () => {
    expect(textOf(await dispatch(registry, "ping", {}, { app, caller: member }))).toBe("Pong.");
    expect(textOf(await dispatch(registry, "ping", {}, { app, caller: member }))).toMatch(
      /^You're pinging quickly: try again in (29|30) s\.$/,
    );
    for (let i = 0; i < 3; i++) expect(textOf(await dispatch(registry, "ping", {}, { app, caller: CONSOLE_CALLER }))).toBe("Pong.");
  });
});

describe("the local commands", () => {
  it("GIVEN /stats THEN what the corpus and the index hold; Discord is never given it", async () => {
    const reply = await dispatch(commands, "stats", {}, { app, caller: CONSOLE_CALLER });
    expect(reply).toMatchObject({ kind: "stats", stats: { articles: 1, passages: 1 } });
    expect([...discordCommands(commands).keys()]).not.toContain("stats");
    expect([...discordCommands(commands).keys()]).toContain("ask");
  });
});
