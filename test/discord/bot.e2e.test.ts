import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Citebot } from "../../src/app/citebot.js";
import { openEngine } from "../../src/build/open.js";
import { type RunningBot, startBot } from "../../src/discord/bot.js";
import { createLogger } from "../../src/log.js";
import { SEED_CORPUS } from "../support/corpus.js";
import { parse, shown } from "../support/discordMarkdown.js";
import { buttonsOf, containersOf, discordProblems, messageText } from "../support/discordMessages.js";
import { FakeDiscord, GUILD_ID, MANAGE_GUILD, TOKEN } from "../support/fakeDiscord.js";

const EPHEMERAL = 64;
const IS_COMPONENTS_V2 = 1 << 15;
let discord: FakeDiscord;
let bot: RunningBot;
let corpusDir: string;
const logLines: string[] = [];

beforeAll(async () => {
  corpusDir = await mkdtemp(path.join(tmpdir(), "citebot-e2e-corpus-"));
  await cp(SEED_CORPUS, corpusDir, { recursive: true });
  const folders = { corpusDir, dataDir: await mkdtemp(path.join(tmpdir(), "citebot-e2e-data-")) };
  const app = new Citebot((await openEngine(folders)).engine, folders, {
    moderatorRoleIds: ["777777777777777777"],
    curatorGuildId: GUILD_ID,
  });
  discord = await FakeDiscord.start();
  const logger = createLogger("info", (line) => logLines.push(line));
  bot = await startBot({ token: TOKEN, clientId: null, guildId: GUILD_ID, apiUrl: discord.apiUrl }, app, commands, logger);
});

afterAll(async () => {
  await bot?.stop();
  await discord?.stop();
});

const textOf = messageText;

describe("Citebot against a loopback Discord", () => {
  it("GIVEN a token THEN the real discord.js client logs in with the Guilds intent and registers the commands in the guild", () => {
    expect(discord.identified).toBe(1);
    const writes = discord.writesTo(`/guilds/${GUILD_ID}/commands`);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.body.map((c: any) => c.name).sort()).toEqual([
      "Find sources",
      "ask",
      "corpus",
      "help",
      "reindex",
      "settings",
      "source",
    ]);
    const reindex = writes[0]!.body.find((c: any) => c.name === "reindex");
    expect(reindex.default_member_permissions).toBe(String(MANAGE_GUILD));
  });

  it("GIVEN commands already registered THEN a second start writes nothing", async () => {
    const folders = { corpusDir, dataDir: await mkdtemp(path.join(tmpdir(), "citebot-e2e-data2-")) };
    const app = new Citebot((await openEngine(folders)).engine, folders);
    const second = await startBot(
      { token: TOKEN, clientId: null, guildId: GUILD_ID, apiUrl: discord.apiUrl },
      app,
      commands,
      createLogger("silent"),
    );
    await second.stop();
    expect(discord.writesTo(`/guilds/${GUILD_ID}/commands`)).toHaveLength(1);
  });

  it("GIVEN a command registered with other contexts (an older Citebot's, DMs only by dm_permission) THEN the next start writes the set again, with contexts", async () => {
    const key = `guild:${GUILD_ID}`;
    const registered = discord.commands.get(key)!;
    discord.commands.set(
      key,
      registered.map((c) => (c.name === "ask" ? { ...c, contexts: [0], dm_permission: true } : c)),
    );
    const folders = { corpusDir, dataDir: await mkdtemp(path.join(tmpdir(), "citebot-e2e-data3-")) };
    const third = await startBot(
      { token: TOKEN, clientId: null, guildId: GUILD_ID, apiUrl: discord.apiUrl },
      new Citebot((await openEngine(folders)).engine, folders),
      commands,
      createLogger("silent"),
    );
    await third.stop();
    const writes = discord.writesTo(`/guilds/${GUILD_ID}/commands`);
    expect(writes).toHaveLength(2);
    expect(writes[1]!.body.find((c: any) => c.name === "ask")).toMatchObject({ contexts: [0, 1, 2], integration_types: [0, 1] });
    expect(writes[1]!.body.find((c: any) => c.name === "ask")).not.toHaveProperty("dm_permission");
  });

  it("GIVEN /ask THEN the answer quotes the passage verbatim with its speaker, article and passage id, pinging nobody", async () => {
    const { message } = await discord.command("ask", [{ name: "question", value: "What did Lavrov expect?" }]);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    // Laid out with components v2, for everyone to see.
    expect(message.flags).toBe(IS_COMPONENTS_V2);
    expect(discordProblems(message)).toEqual([]);
    const first = containersOf(message)[0];
    const [quote, article] = first.components.map((c: any) => c.content);
    expect(quote).toContain(
      '> Russian Foreign Minister Sergey Lavrov said he expected the last of the "rebel resistance" to end within two to three days.',
    );
    expect(quote).toContain("— **Sergey Lavrov** (quoted)");
    expect(article).toMatch(/ummid\.com.*2016-12-15.*id `000_90a7ceb65c3b6153:\d+\.1`/);
    expect(buttonsOf(first).find((b) => b.label === "Open at the quote").url).toMatch(/^https:\/\/ummid\.com\/.*#:~:text=/);
    await expect.poll(() => logLines.some((l) => /INFO interaction command=ask .*ms=\d+ outcome=answered/.test(l))).toBe(true);
  });

  it("GIVEN a question with @everyone and a role mention THEN nobody is pinged and the echo is defused", async () => {
    const { message: reply } = await discord.command("ask", [
      { name: "question", value: "@everyone <@&777777777777777777> who brokered the deal?" },
    ]);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    const heading = reply.components[0].content;
    expect(shown(parse(heading)).constructs).toEqual(["strong"]);
    expect(shown(parse(heading)).text).toContain("@everyone <@&777777777777777777> who brokered the deal?");
  });

  it("GIVEN private:true THEN the answer is ephemeral", async () => {
    const { callback } = await discord.command("ask", [
      { name: "question", value: "Who brokered the deal?" },
      { name: "private", value: true },
    ]);
    expect(callback.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it("GIVEN /source with a passage id THEN the passage with its neighbours and article", async () => {
    const { message: reply } = await discord.command("source", [{ name: "id", value: "003_998c32d5a799b7d3:5.2" }]);
    const embed = reply.embeds[0];
    expect(embed.title).toBe("Passage 003_998c32d5a799b7d3:5.2");
    expect(embed.description).toContain("> Road blocks went up and a bus convoy was forced to turn back.");
    expect(textOf(reply)).toContain("The New Zealand Herald");
  });

  it("GIVEN /source with an id that matches nothing THEN an ephemeral hint with suggestions, not an error", async () => {
    const { message: reply, callback } = await discord.command("source", [{ name: "id", value: "003_998c32d5a799b7d3:99.9" }]);
    expect(callback.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.content).toMatch(/Nothing has the id/);
  });

  it("GIVEN autocomplete on /source THEN at most 25 matching choices with names of 1 to 100 characters", async () => {
    const all = await discord.autocomplete("source", "id", "");
    expect(all.length).toBeGreaterThan(0);
    const matching = await discord.autocomplete("source", "id", "convoy");
    expect(matching.map((c) => c.value)).toContain("003_998c32d5a799b7d3:5.2");
    for (const choice of [...all, ...(await discord.autocomplete("source", "id", "003"))]) {
      expect(choice.name.length).toBeGreaterThanOrEqual(1);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect((await discord.autocomplete("source", "id", "003")).length).toBeLessThanOrEqual(25);
  });

  it("GIVEN /reindex from a member without the permission THEN an ephemeral refusal and nothing rebuilt", async () => {
    await writeFile(path.join(corpusDir, "new_article.txt"), "The ferry to Larnaca resumed on Friday, the port authority said.");
    const response = await discord.command("reindex", [], { permissions: 0n, roles: [] });
    const message = response.edits.at(-1) ?? response.message;
    expect(response.callback.data?.flags ?? 0).toBe(EPHEMERAL);
    expect(message.content).toMatch(/Only moderators can reindex/);
    const { message: reply } = await discord.command("ask", [{ name: "question", value: "When did the ferry to Larnaca resume?" }]);
    expect(textOf(reply)).not.toContain("Larnaca resumed");
  });

  it("GIVEN /reindex from a member with a moderator role THEN the index is rebuilt and the report says what changed", async () => {
    const response = await discord.command("reindex", [], { roles: ["777777777777777777"] });
    expect(response.callback.type).toBe(5);
    const report = textOf(response.edits.at(-1));
    expect(report).toMatch(/Articles\s+3/);
    expect(report).toMatch(/1 added \(new\\?_article\)/);
    const { message: reply } = await discord.command("ask", [{ name: "question", value: "When did the ferry to Larnaca resume?" }]);
    expect(textOf(reply)).toContain("> The ferry to Larnaca resumed on Friday, the port authority said.");
  });

  it("GIVEN a broken corpus THEN /reindex by a Manage Server member reports the file and answers keep coming from the old index", async () => {
    await writeFile(path.join(corpusDir, "new_article.json"), '{"title": "Ferry", "url": "not a url"}');
    const response = await discord.command("reindex", [], { permissions: MANAGE_GUILD });
    const report = textOf(response.edits.at(-1));
    expect(report).toMatch(/Reindex failed: still answering from the previous index/);
    expect(report).toContain("new_article.json");
    const { message: reply } = await discord.command("ask", [{ name: "question", value: "When did the ferry to Larnaca resume?" }]);
    expect(textOf(reply)).toContain("The ferry to Larnaca resumed on Friday");
  });
});

describe("an answer too long for one message", () => {
  it("GIVEN passages of thousands of characters THEN the reply stays within Discord's limits, shortened at word boundaries", async () => {
    const longCorpus = await mkdtemp(path.join(tmpdir(), "citebot-long-"));
    const sentence = (i: number) =>
      `Witness ${i} said the flood reached the old mill ${"and the water kept rising past every marker on the wall ".repeat(60)}before dawn.`;
    await writeFile(path.join(longCorpus, "long.txt"), Array.from({ length: 6 }, (_, i) => sentence(i)).join("\n"));
    const folders = { corpusDir: longCorpus, dataDir: await mkdtemp(path.join(tmpdir(), "citebot-long-data-")) };
    const app = new Citebot((await openEngine(folders)).engine, folders);
    const fake = await FakeDiscord.start();
    const longBot = await startBot(
      { token: TOKEN, clientId: null, guildId: GUILD_ID, apiUrl: fake.apiUrl },
      app,
      commands,
      createLogger("silent"),
    );
    try {
      const { message } = await fake.command("ask", [{ name: "question", value: "How high did the flood reach at the old mill?" }]);
      expect(discordProblems(message)).toEqual([]);
      const quotes = containersOf(message).map((c) => c.components[0].content as string);
      expect(quotes.length).toBeGreaterThan(0);
      for (const quote of quotes) expect(quote).toMatch(/(?:wall|rising|marker|past|every|the|on|water|kept|and)…|dawn\./);
      expect(textOf(message)).toMatch(/more passages? did not fit/);
      expect(fake.rejected).toEqual([]);
    } finally {
      await longBot.stop();
      await fake.stop();
    }
  });
});
